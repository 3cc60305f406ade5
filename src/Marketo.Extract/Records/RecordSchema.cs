using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Records;

/// <summary>
/// The ordered fields of one stream of records, shared by all its rows, with a fast lookup of a field's
/// ordinal by name.
/// </summary>
/// <remarks>
/// Build one with <see cref="ForLeads"/> or <see cref="ForActivityType"/>, or from your own fields.
/// A schema is immutable and safe to share between threads. When an export file has columns the schema
/// lacks, the decoder hands out records of an extended schema with the same <see cref="Name"/>, so compare
/// schemas by name rather than by reference.
/// </remarks>
public sealed partial class RecordSchema
{
    private readonly RecordField[] _fields;
    private readonly Dictionary<string, int> _ordinals;

    /// <summary>Initializes a new instance of the <see cref="RecordSchema"/> class.</summary>
    /// <param name="name">The stream id, for example <c>leads</c> or <c>activities_fill_out_form</c>.</param>
    /// <param name="fields">The fields in output order; their names must be unique.</param>
    /// <exception cref="ArgumentException">The name is empty, or two fields share a name.</exception>
    public RecordSchema(string name, IEnumerable<RecordField> fields)
        : this(name, fields, activityTypeId: null)
    {
    }

    private RecordSchema(string name, IEnumerable<RecordField> fields, int? activityTypeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(fields);

        Name = name;
        ActivityTypeId = activityTypeId;
        _fields = [.. fields];
        _ordinals = new Dictionary<string, int>(_fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < _fields.Length; i++)
        {
            var field = _fields[i]
                ?? throw new ArgumentException($"Field {i} of schema '{name}' is null.", nameof(fields));
            if (!_ordinals.TryAdd(field.Name, i))
            {
                throw new ArgumentException(
                    $"Schema '{name}' has two fields named '{field.Name}' (ordinals {_ordinals[field.Name]} and {i}); "
                    + "field names must be unique.",
                    nameof(fields));
            }
        }
    }

    /// <summary>Gets the stream id, for example <c>leads</c> or <c>activities_fill_out_form</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the fields in output order.</summary>
    public IReadOnlyList<RecordField> Fields => _fields;

    /// <summary>Gets the activity type id of a schema built by <see cref="ForActivityType"/>; otherwise null.</summary>
    public int? ActivityTypeId { get; }

    internal ReadOnlySpan<RecordField> FieldSpan => _fields;

    /// <summary>Returns the ordinal of the field with the given name, or -1.</summary>
    /// <param name="name">The field name; the comparison is ordinal and case-sensitive.</param>
    /// <returns>The zero-based ordinal, or -1 when no field has that name.</returns>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _ordinals.TryGetValue(name, out var ordinal) ? ordinal : -1;
    }

    /// <summary>Gets the ordinal of the field with the given name.</summary>
    /// <param name="name">The field name; the comparison is ordinal and case-sensitive.</param>
    /// <param name="ordinal">The zero-based ordinal, when found.</param>
    /// <returns><see langword="true"/> when a field has that name.</returns>
    public bool TryGetOrdinal(string name, out int ordinal)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _ordinals.TryGetValue(name, out ordinal);
    }

    /// <summary>Returns the name and field count of the schema.</summary>
    /// <returns>For example <c>leads (12 fields)</c>.</returns>
    public override string ToString() => $"{Name} ({_fields.Length} fields)";

    /// <summary>Returns a schema with the same name and a string field appended for each column.</summary>
    internal RecordSchema AppendStringColumns(IReadOnlyList<string> columns)
    {
        var names = new NameAllocator();
        foreach (var field in _fields)
        {
            names.Reserve(field.Name);
        }

        var fields = new List<RecordField>(_fields);
        foreach (var column in columns)
        {
            var name = names.Reserve(MarketoNames.ToSnakeCase(column));
            fields.Add(new RecordField(name, MarketoDataTypes.String, column));
        }

        return new RecordSchema(Name, fields, ActivityTypeId);
    }
}
