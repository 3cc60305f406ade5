using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Records.Internal;

/// <summary>The log messages of export file decoding.</summary>
internal static partial class Log
{
    [LoggerMessage(
        EventId = 4001,
        EventName = "ValueKeptAsText",
        Level = LogLevel.Warning,
        Message = "Field {FieldName} of {SchemaName} has a value at data row {RowNumber} that is not a valid "
            + "{DataType}; it is kept as text, and further such values of the field are only counted in "
            + "DecodeStatistics.")]
    public static partial void ValueKeptAsText(
        ILogger logger, string fieldName, string schemaName, long rowNumber, string dataType);

    [LoggerMessage(
        EventId = 4002,
        EventName = "UndeclaredAttribute",
        Level = LogLevel.Information,
        Message = "Activities of {SchemaName} carry attribute '{AttributeName}' (first at data row {RowNumber}), "
            + "which the activity type does not declare; it is kept in additional_attributes.")]
    public static partial void UndeclaredAttribute(
        ILogger logger, string schemaName, string attributeName, long rowNumber);

    [LoggerMessage(
        EventId = 4005,
        EventName = "UndeclaredAttributesUnlisted",
        Level = LogLevel.Warning,
        Message = "More than {Limit} distinct undeclared attributes were seen, the latest in {SchemaName} at data row "
            + "{RowNumber}; further names are kept in additional_attributes and counted in "
            + "DecodeStatistics.UnlistedUndeclaredAttributes, but not listed or logged.")]
    public static partial void UndeclaredAttributesUnlisted(
        ILogger logger, int limit, string schemaName, long rowNumber);

    [LoggerMessage(
        EventId = 4003,
        EventName = "UnexpectedColumn",
        Level = LogLevel.Warning,
        Message = "The export file has column '{ColumnName}', which no schema asked for; it is kept as the "
            + "string field {FieldName}.")]
    public static partial void UnexpectedColumn(ILogger logger, string columnName, string fieldName);

    [LoggerMessage(
        EventId = 4004,
        EventName = "ExportFileDecoded",
        Level = LogLevel.Information,
        Message = "Decoded {RecordCount} records from an export file; {WarningCount} values were kept as text "
            + "and {NulCount} NUL characters dropped.")]
    public static partial void ExportFileDecoded(ILogger logger, long recordCount, long warningCount, long nulCount);
}
