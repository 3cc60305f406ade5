using System.Buffers;
using System.Text;
using System.Text.Json;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Output;

/// <summary>
/// Formats records as RFC 4180 CSV rows with the stream's fields as columns: values as in the JSON Lines output,
/// nested objects and arrays as JSON text, <see langword="null"/> as an empty cell.
/// </summary>
/// <remarks>
/// Each record goes through its JSON form, so CSV and JSON Lines show the same text for every value. A field the
/// record does not have gives an empty cell; a record property that is not a field of the stream is left out.
/// </remarks>
internal sealed class CsvRecordFormatter
{
    private readonly string[] _columns;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public CsvRecordFormatter(IReadOnlyList<string> columns) => _columns = [.. columns];

    /// <summary>Gets the header row, CRLF-terminated.</summary>
    public string Header => string.Join(',', _columns.Select(Quote)) + "\r\n";

    /// <summary>Formats one record as a CRLF-terminated row.</summary>
    public string FormatRow(ExtractedRecord record)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, JsonLinesFile.WriterOptions))
        {
            record.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(_buffer.WrittenMemory);
        var row = new StringBuilder(_buffer.WrittenCount + 16);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }

            if (document.RootElement.TryGetProperty(_columns[i], out var value))
            {
                row.Append(Quote(TextOf(value)));
            }
        }

        return row.Append("\r\n").ToString();
    }

    /// <summary>Quotes a cell that contains a comma, a quote, a line break or edge spaces, doubling inner quotes.</summary>
    public static string Quote(string cell)
    {
        var needsQuotes = cell.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (cell.Length > 0 && (cell[0] == ' ' || cell[^1] == ' '));
        return needsQuotes ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
