using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Records;

/// <summary>
/// Running counters of an <see cref="ExportCsvDecoder"/>, safe to read while it decodes.
/// </summary>
/// <remarks>
/// Counters add up over every file the decoder reads; row numbers are those of the file where the event
/// happened first. Use one decoder per file when the row numbers must point into one file.
/// </remarks>
public sealed class DecodeStatistics
{
    private const int MaxExampleLength = 100;

    /// <summary>
    /// The maximum number of undeclared attribute names listed. An activity type whose attribute names carry
    /// ids would otherwise grow the list, and the log, by one entry per row.
    /// </summary>
    internal const int MaxUndeclaredAttributes = 1000;

    private readonly object _lock = new();
    private readonly Dictionary<(string Schema, string Field), FieldWarnings> _warnings = [];
    private readonly Dictionary<(string Schema, string Attribute), AttributeSightings> _undeclared = [];
    private readonly List<string> _unexpectedColumns = [];
    private long _files;
    private long _rows;
    private long _warningCount;
    private long _blankLines;
    private long _nulCharacters;
    private long _unlistedUndeclared;

    internal DecodeStatistics()
    {
    }

    /// <summary>Gets the number of files read to the end.</summary>
    public long Files => Interlocked.Read(ref _files);

    /// <summary>Gets the number of records decoded.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Gets the number of values kept as text because they did not parse as their data type.</summary>
    public long WarningCount => Interlocked.Read(ref _warningCount);

    /// <summary>Gets the number of empty lines skipped in files with more than one column.</summary>
    public long BlankLines => Interlocked.Read(ref _blankLines);

    /// <summary>Gets the number of NUL characters dropped from values.</summary>
    public long NulCharactersDropped => Interlocked.Read(ref _nulCharacters);

    /// <summary>
    /// Gets the number of times an undeclared attribute was seen whose name is not in
    /// <see cref="GetUndeclaredAttributes"/>, because that list was full.
    /// </summary>
    /// <value>
    /// Zero unless more than 1,000 distinct undeclared attribute names were seen. Their values are kept in
    /// <c>additional_attributes</c> all the same.
    /// </value>
    public long UnlistedUndeclaredAttributes => Interlocked.Read(ref _unlistedUndeclared);

    /// <summary>Returns the values that were kept as text, one entry per schema and field.</summary>
    /// <returns>A snapshot, ordered by schema and field name.</returns>
    public IReadOnlyList<DecodeWarning> GetWarnings()
    {
        lock (_lock)
        {
            var warnings = new List<DecodeWarning>(_warnings.Count);
            foreach (var ((schema, field), count) in _warnings)
            {
                warnings.Add(new DecodeWarning(
                    schema, field, count.DataType, count.Count, count.FirstRowNumber, count.FirstValue));
            }

            warnings.Sort(static (a, b) => CompareNames(a.SchemaName, a.FieldName, b.SchemaName, b.FieldName));
            return warnings;
        }
    }

    /// <summary>Returns the activity attributes seen that their activity type does not declare.</summary>
    /// <returns>
    /// A snapshot, ordered by schema and attribute name, of at most 1,000 names: the first ones seen.
    /// <see cref="UnlistedUndeclaredAttributes"/> counts the sightings of names beyond them.
    /// </returns>
    public IReadOnlyList<UndeclaredAttributeCount> GetUndeclaredAttributes()
    {
        lock (_lock)
        {
            var attributes = new List<UndeclaredAttributeCount>(_undeclared.Count);
            foreach (var ((schema, attribute), count) in _undeclared)
            {
                attributes.Add(new UndeclaredAttributeCount(schema, attribute, count.Count, count.FirstRowNumber));
            }

            attributes.Sort(static (a, b) => CompareNames(a.SchemaName, a.AttributeName, b.SchemaName, b.AttributeName));
            return attributes;
        }
    }

    /// <summary>Returns the headers of columns that no schema asked for, which were kept as string fields.</summary>
    /// <returns>A snapshot, in the order first seen.</returns>
    public IReadOnlyList<string> GetUnexpectedColumns()
    {
        lock (_lock)
        {
            return [.. _unexpectedColumns];
        }
    }

    internal void AddRows(long count) => Interlocked.Add(ref _rows, count);

    internal void AddFile() => Interlocked.Increment(ref _files);

    internal void AddBlankLine() => Interlocked.Increment(ref _blankLines);

    internal void AddNulCharacters(long count) => Interlocked.Add(ref _nulCharacters, count);

    /// <summary>Counts a value kept as text; returns <see langword="true"/> for the first one of the field.</summary>
    internal bool AddWarning(string schema, RecordField field, long rowNumber, string value)
    {
        Interlocked.Increment(ref _warningCount);
        lock (_lock)
        {
            if (_warnings.TryGetValue((schema, field.Name), out var count))
            {
                count.Count++;
                return false;
            }

            var example = value.Length <= MaxExampleLength ? value : value[..ExampleLength(value)];
            _warnings.Add((schema, field.Name), new FieldWarnings(field.DataType, rowNumber, example));
            return true;
        }
    }

    /// <summary>Counts an undeclared attribute and returns whether it was listed for the first time.</summary>
    internal UndeclaredSighting AddUndeclaredAttribute(string schema, string attribute, long rowNumber)
    {
        lock (_lock)
        {
            if (_undeclared.TryGetValue((schema, attribute), out var count))
            {
                count.Count++;
                return UndeclaredSighting.Again;
            }

            if (_undeclared.Count < MaxUndeclaredAttributes)
            {
                _undeclared.Add((schema, attribute), new AttributeSightings(rowNumber));
                return UndeclaredSighting.Listed;
            }

            return Interlocked.Increment(ref _unlistedUndeclared) == 1
                ? UndeclaredSighting.FirstUnlisted
                : UndeclaredSighting.Again;
        }
    }

    internal void AddUnexpectedColumn(string column)
    {
        lock (_lock)
        {
            if (!_unexpectedColumns.Contains(column))
            {
                _unexpectedColumns.Add(column);
            }
        }
    }

    /// <summary>Returns where to cut a long value for its example, never between the two halves of a surrogate pair.</summary>
    private static int ExampleLength(string value) =>
        char.IsHighSurrogate(value[MaxExampleLength - 1]) ? MaxExampleLength - 1 : MaxExampleLength;

    private static int CompareNames(string schemaA, string nameA, string schemaB, string nameB)
    {
        var bySchema = string.CompareOrdinal(schemaA, schemaB);
        return bySchema != 0 ? bySchema : string.CompareOrdinal(nameA, nameB);
    }

    private sealed class FieldWarnings(string dataType, long firstRowNumber, string firstValue)
    {
        public string DataType { get; } = dataType;

        public long FirstRowNumber { get; } = firstRowNumber;

        public string FirstValue { get; } = firstValue;

        public long Count { get; set; } = 1;
    }

    private sealed class AttributeSightings(long firstRowNumber)
    {
        public long FirstRowNumber { get; } = firstRowNumber;

        public long Count { get; set; } = 1;
    }
}
