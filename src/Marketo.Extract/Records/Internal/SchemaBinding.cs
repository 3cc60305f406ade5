namespace Marketo.Extract.Records.Internal;

/// <summary>
/// The match between the header of one file and one schema: which field each column fills.
/// </summary>
internal sealed class SchemaBinding
{
    private SchemaBinding(RecordSchema schema, RecordField?[] fieldByColumn, int[] ordinalByColumn)
    {
        Schema = schema;
        FieldCount = schema.Fields.Count;
        FieldByColumn = fieldByColumn;
        OrdinalByColumn = ordinalByColumn;
    }

    /// <summary>Gets the schema of the records, extended with string fields for unexpected columns.</summary>
    public RecordSchema Schema { get; }

    /// <summary>Gets the number of fields of <see cref="Schema"/>, which is the length of each record's values.</summary>
    public int FieldCount { get; }

    /// <summary>Gets the field each column fills; null for the <c>attributes</c> column of an activity schema.</summary>
    public RecordField?[] FieldByColumn { get; }

    /// <summary>Gets the ordinal each column fills, or -1 for the <c>attributes</c> column of an activity schema.</summary>
    public int[] OrdinalByColumn { get; }

    /// <summary>Gets the decoder of the <c>attributes</c> column, for activity schemas.</summary>
    public ActivityAttributesDecoder? Attributes { get; private init; }

    /// <summary>
    /// Binds a schema to a header; a column no field reads becomes an appended string field, reported
    /// through <paramref name="onUnexpectedColumn"/> with the header and the new field.
    /// </summary>
    public static SchemaBinding Create(
        RecordSchema requested,
        string[] header,
        IReadOnlyDictionary<string, int> columnPositions,
        Action<string, RecordField> onUnexpectedColumn)
    {
        var claimed = new bool[header.Length];
        var missing = new List<string>();
        var readsAttributes = false;
        foreach (var field in requested.Fields)
        {
            var column = field.Source == RecordFieldSource.Column ? field.SourceName : ActivityColumns.Attributes;
            readsAttributes |= field.Source != RecordFieldSource.Column;
            if (columnPositions.TryGetValue(column, out var position))
            {
                claimed[position] = true;
            }
            else if (!missing.Contains(column))
            {
                missing.Add(column);
            }
        }

        if (missing.Count > 0)
        {
            throw CsvErrors.MissingColumns(requested.Name, missing, header);
        }

        var schema = ExtendWithUnexpectedColumns(requested, header, claimed, onUnexpectedColumn);
        return Bind(schema, header, columnPositions, readsAttributes);
    }

    private static RecordSchema ExtendWithUnexpectedColumns(
        RecordSchema schema, string[] header, bool[] claimed, Action<string, RecordField> onUnexpectedColumn)
    {
        var unexpected = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!claimed[i])
            {
                unexpected.Add(header[i]);
            }
        }

        if (unexpected.Count == 0)
        {
            return schema;
        }

        var extended = schema.AppendStringColumns(unexpected);
        for (var i = 0; i < unexpected.Count; i++)
        {
            onUnexpectedColumn(unexpected[i], extended.Fields[schema.Fields.Count + i]);
        }

        return extended;
    }

    private static SchemaBinding Bind(
        RecordSchema schema, string[] header, IReadOnlyDictionary<string, int> columnPositions, bool readsAttributes)
    {
        var fieldByColumn = new RecordField?[header.Length];
        var ordinalByColumn = new int[header.Length];
        var fields = schema.FieldSpan;
        for (var ordinal = 0; ordinal < fields.Length; ordinal++)
        {
            if (fields[ordinal].Source == RecordFieldSource.Column)
            {
                var column = columnPositions[fields[ordinal].SourceName];
                fieldByColumn[column] = fields[ordinal];
                ordinalByColumn[column] = ordinal;
            }
        }

        ActivityAttributesDecoder? attributes = null;
        if (readsAttributes)
        {
            var column = columnPositions[ActivityColumns.Attributes];
            ordinalByColumn[column] = -1;
            attributes = ActivityAttributesDecoder.Create(schema);
        }

        return new SchemaBinding(schema, fieldByColumn, ordinalByColumn) { Attributes = attributes };
    }
}
