namespace Marketo.Extract.Records;

/// <summary>
/// The values of one field that did not parse as the field's data type and were kept as text.
/// </summary>
/// <param name="SchemaName">The stream id of the schema, for example <c>leads</c>.</param>
/// <param name="FieldName">The field name.</param>
/// <param name="DataType">The Marketo dataType the values did not parse as.</param>
/// <param name="Count">The number of such values.</param>
/// <param name="FirstRowNumber">The 1-based data row (the header not counted) of the first such value.</param>
/// <param name="FirstValue">The first such value, cut to 100 characters.</param>
public sealed record DecodeWarning(
    string SchemaName, string FieldName, string DataType, long Count, long FirstRowNumber, string FirstValue);
