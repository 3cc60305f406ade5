namespace Marketo.Extract.Records.Internal;

/// <summary>Builds the <see cref="MarketoCsvFormatException"/> of each way an export file can be malformed.</summary>
internal static class CsvErrors
{
    private const string DownloadAgain =
        "Download the file again and compare its SHA-256 with the job's fileChecksum.";

    public static MarketoCsvFormatException ColumnCount(long row, long line, int valueCount, int columnCount) =>
        new($"Data row {row} (line {line}) has {valueCount} values but the header has {columnCount} columns, so "
            + $"its values cannot be matched to columns. The file is malformed or truncated. {DownloadAgain}")
        {
            RowNumber = row,
            LineNumber = line,
        };

    public static MarketoCsvFormatException Quote(
        long row, long line, string column, int columnNumber, QuoteProblem problem)
    {
        var what = problem switch
        {
            QuoteProblem.QuoteInUnquotedValue =>
                "has a quote inside a value that does not start with a quote; RFC 4180 requires such a value "
                + "to be quoted, with inner quotes doubled",
            QuoteProblem.TextAfterClosingQuote =>
                "has text after the closing quote of a quoted value, that is, an inner quote that is not doubled",
            _ => "has a quoted value with no closing quote before the end of the file, so the file is truncated "
                + "or has a stray quote",
        };
        var where = row == 0
            ? $"The header (line {line}), column {columnNumber},"
            : $"Data row {row} (line {line}), column '{column}',";
        return new MarketoCsvFormatException($"{where} {what}. {DownloadAgain}")
        {
            RowNumber = row,
            LineNumber = line,
            ColumnName = row == 0 ? null : column,
        };
    }

    public static MarketoCsvFormatException InvalidUtf8(long row, long line, string? column, byte value, long offset)
    {
        var where = row == 0 ? $"The header (line {line})" : $"Data row {row} (line {line}), column '{column}',";
        return new MarketoCsvFormatException(
            $"{where} contains byte 0x{value:X2} at byte offset {offset}, which is not valid UTF-8. Export files "
            + $"are UTF-8, so the file was altered or cut in transit. {DownloadAgain}")
        {
            RowNumber = row,
            LineNumber = line,
            ColumnName = column,
        };
    }

    public static MarketoCsvFormatException InvalidUtf8(byte value, long offset) =>
        new($"The export file contains byte 0x{value:X2} at byte offset {offset}, which is not valid UTF-8. Export "
            + $"files are UTF-8, so the file was altered or cut in transit. {DownloadAgain}");

    public static MarketoCsvFormatException MissingColumns(string schema, IEnumerable<string> missing, string[] header) =>
        new($"The export file lacks column(s) {Quoted(missing)}, which schema '{schema}' reads; the header is "
            + $"{Quoted(header)}. Request these fields in the export, or build the schema from the exported fields.")
        {
            RowNumber = 0,
            LineNumber = 1,
        };

    public static MarketoCsvFormatException DuplicateColumn(string column, int first, int second) =>
        new($"The export file's header names column '{column}' twice (columns {first + 1} and {second + 1}), so "
            + "their values cannot be told apart. Request each field once.")
        {
            RowNumber = 0,
            LineNumber = 1,
            ColumnName = column,
        };

    public static MarketoCsvFormatException EmptyColumnName(int column, int columnCount) =>
        new($"The export file's header has no name for column {column + 1} of {columnCount}, so its values cannot "
            + $"be matched to a field. A bulk export names every column, so the file is malformed. {DownloadAgain}")
        {
            RowNumber = 0,
            LineNumber = 1,
        };

    public static MarketoCsvFormatException EmptyHeader() =>
        new("The export file's first line is empty, but rows follow it; a bulk export file starts with a header "
            + $"of column names. {DownloadAgain}")
        {
            RowNumber = 0,
            LineNumber = 1,
        };

    public static MarketoCsvFormatException InvalidActivityTypeId(long row, long line, string text) =>
        new($"Data row {row} (line {line}) has activityTypeId '{text}', which is not a whole number, so the row "
            + $"cannot be matched to an activity type. {DownloadAgain}")
        {
            RowNumber = row,
            LineNumber = line,
            ColumnName = ActivityColumns.ActivityTypeId,
        };

    public static MarketoCsvFormatException UnknownActivityType(long row, long line, int typeId, IEnumerable<int> known) =>
        new($"Data row {row} (line {line}) is an activity of type {typeId}, for which no schema was given (schemas "
            + $"exist for types {string.Join(", ", known.Order())}). Pass a schema for every activity type "
            + "that the export requested.")
        {
            RowNumber = row,
            LineNumber = line,
            ColumnName = ActivityColumns.ActivityTypeId,
        };

    private static string Quoted(IEnumerable<string> names) => "'" + string.Join("', '", names) + "'";
}
