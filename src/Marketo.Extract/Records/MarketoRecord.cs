using System.Diagnostics.CodeAnalysis;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Records;

/// <summary>
/// One row of an export: a <see cref="RecordSchema"/> and one typed value per field.
/// </summary>
/// <remarks>
/// <para>Values follow the typed value contract described on <see cref="RecordField"/>: read them by
/// ordinal (fastest), by field name, through the <see cref="IReadOnlyDictionary{TKey, TValue}"/> view, as
/// JSON with <see cref="WriteTo"/>, or mapped to your own class with <see cref="As{T}"/>.</para>
/// <para>A record is not changed after it is built and can be read from several threads.</para>
/// </remarks>
[SuppressMessage(
    "Naming",
    "CA1710:Identifiers should have correct suffix",
    Justification = "A record is one row of an export; the dictionary view is a secondary way to read it.")]
public sealed partial class MarketoRecord
{
    private readonly object?[] _values;

    /// <summary>Initializes a new instance of the <see cref="MarketoRecord"/> class.</summary>
    /// <param name="schema">The schema of the record.</param>
    /// <param name="values">
    /// One value per field, in field order. The record keeps this array, so do not change it afterwards.
    /// </param>
    /// <exception cref="ArgumentException">The number of values differs from the number of fields.</exception>
    public MarketoRecord(RecordSchema schema, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != schema.Fields.Count)
        {
            throw new ArgumentException(
                $"{values.Length} values were given for schema '{schema.Name}', which has {schema.Fields.Count} fields.",
                nameof(values));
        }

        Schema = schema;
        _values = values;
    }

    /// <summary>Initializes a record from values that a decoder built for the schema, without checking them again.</summary>
    internal MarketoRecord(object?[] values, RecordSchema schema)
    {
        Schema = schema;
        _values = values;
    }

    /// <summary>Gets the schema that names and types the values.</summary>
    public RecordSchema Schema { get; }

    /// <summary>Gets the number of fields, which is also the number of values.</summary>
    public int Count => _values.Length;

    /// <summary>Gets the values in field order, for readers inside the library that must not copy them.</summary>
    internal ReadOnlySpan<object?> ValueSpan => _values;

    /// <summary>Gets the value of the field at an ordinal of <see cref="Schema"/>.</summary>
    /// <param name="ordinal">The zero-based field ordinal.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="IndexOutOfRangeException">The ordinal is out of range.</exception>
    public object? this[int ordinal] => _values[ordinal];

    /// <summary>Gets the value of the field with the given name.</summary>
    /// <param name="name">The field name, compared ordinally.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="KeyNotFoundException">The schema has no field of that name.</exception>
    public object? this[string name] => _values[GetOrdinal(name)];

    /// <summary>Gets the value of a field, converted to <typeparamref name="T"/> as <see cref="As{T}"/> does.</summary>
    /// <typeparam name="T">The type wanted, for example <see cref="long"/> or <c>long?</c>.</typeparam>
    /// <param name="name">The field name.</param>
    /// <returns>The converted value.</returns>
    /// <exception cref="KeyNotFoundException">The schema has no field of that name.</exception>
    /// <exception cref="InvalidCastException">The value does not fit <typeparamref name="T"/>.</exception>
    public T GetValue<T>(string name)
    {
        var ordinal = GetOrdinal(name);
        return RecordValueConverter.Convert<T>(
            _values[ordinal], Schema.Fields[ordinal].Name, "the value requested by GetValue");
    }

    /// <summary>Gets the value of the field with the given name, when the schema has one.</summary>
    /// <param name="key">The field name.</param>
    /// <param name="value">The value, or null when the field is missing or empty.</param>
    /// <returns><see langword="true"/> when the schema has a field of that name.</returns>
    public bool TryGetValue(string key, out object? value)
    {
        if (Schema.TryGetOrdinal(key, out var ordinal))
        {
            value = _values[ordinal];
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Returns the record as one line of JSON, as <see cref="WriteTo"/> writes it.</summary>
    /// <returns>The JSON object text.</returns>
    public override string ToString() => ToJson();

    private int GetOrdinal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Schema.TryGetOrdinal(name, out var ordinal))
        {
            throw new KeyNotFoundException(
                $"Schema '{Schema.Name}' has no field named '{name}'. Field names are snake_case, such as 'first_name'.");
        }

        return ordinal;
    }
}
