using Microsoft.Extensions.Logging;
using nietras.SeparatedValues;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Decodes the rows of one export file, which Sep has split, into records: checks each row's shape,
/// unquotes values and types them. Subclasses bind the header to schemas and build the records.
/// </summary>
internal abstract class ExportFileDecoder : IDisposable
{
    // Rows are added to the shared statistics in batches, so that a narrow activity row does not also pay for
    // an interlocked add.
    private const int RowCountBatch = 1024;

    private readonly Utf8CsvTextReader _text;
    private char[] _unquoted = new char[256];
    private int _rowsNotCounted;
    private StringCache[] _strings = [];
    private long _records;
    private readonly long _warningsBefore;

    protected ExportFileDecoder(Utf8CsvTextReader text, DecodeStatistics statistics, ILogger logger)
    {
        _text = text;
        Statistics = statistics;
        Logger = logger;
        _warningsBefore = statistics.WarningCount;
    }

    public DecodeStatistics Statistics { get; }

    public ILogger Logger { get; }

    protected string[] Header { get; private set; } = [];

    public JsonScratch JsonBuffers { get; } = new();

    /// <summary>Reads the header row; returns <see langword="false"/> when the line is empty.</summary>
    public bool ReadHeader(SepReader.Row row)
    {
        if (_text.HasInvalidBytes)
        {
            CheckInvalidBytes(row, 0);
        }

        if (IsBlank(row))
        {
            return false;
        }

        var hasQuotes = row.Span.Contains('"');
        var header = new string[row.ColCount];
        var positions = new Dictionary<string, int>(header.Length, StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = GetValue(row, i, hasQuotes, 0).ToString();
            if (header[i].Length == 0)
            {
                throw CsvErrors.EmptyColumnName(i, header.Length);
            }

            if (!positions.TryAdd(header[i], i))
            {
                throw CsvErrors.DuplicateColumn(header[i], positions[header[i]], i);
            }
        }

        Header = header;
        _strings = new StringCache[header.Length];
        for (var i = 0; i < _strings.Length; i++)
        {
            _strings[i] = new StringCache();
        }

        Bind(positions);
        return true;
    }

    /// <summary>Decodes a data row; returns null for an empty line that is skipped.</summary>
    public MarketoRecord? DecodeRow(SepReader.Row row)
    {
        if (_text.HasInvalidBytes)
        {
            CheckInvalidBytes(row, row.RowIndex);
        }

        if (row.ColCount != Header.Length)
        {
            if (IsBlank(row))
            {
                Statistics.AddBlankLine();
                return null;
            }

            ThrowOnQuoteProblem(row, row.Span.Contains('"'));
            throw CsvErrors.ColumnCount(row.RowIndex, row.LineNumberFrom, row.ColCount, Header.Length);
        }

        var record = Decode(row);
        _records++;
        if (++_rowsNotCounted == RowCountBatch)
        {
            CountRows();
        }

        return record;
    }

    /// <summary>Rejects a row after an empty first line, unless it is empty too.</summary>
    public static void RejectUnlessBlank(SepReader.Row row)
    {
        if (!IsBlank(row))
        {
            throw CsvErrors.EmptyHeader();
        }
    }

    /// <summary>Finishes the file: adds its counters to the statistics and logs a summary.</summary>
    public void Complete()
    {
        if (_text.HasInvalidBytes)
        {
            // Every row is searched for the marker of the bad byte, so this only guards against a gap in that search.
            throw CsvErrors.InvalidUtf8(_text.FirstInvalidByte, _text.FirstInvalidByteOffset);
        }

        CountRows();
        Statistics.AddNulCharacters(_text.NulCharactersDropped);
        Statistics.AddFile();
        Log.ExportFileDecoded(
            Logger, _records, Statistics.WarningCount - _warningsBefore, _text.NulCharactersDropped);
    }

    /// <summary>Adds the rows not yet counted, also when the caller stopped reading before the end.</summary>
    public void Dispose()
    {
        CountRows();
        JsonBuffers.Dispose();
    }

    /// <summary>Parses a CSV cell, where an empty value and the literal <c>null</c> both mean null.</summary>
    public object? ParseCell(ReadOnlySpan<char> text, RecordSchema schema, RecordField field, int column, long row)
    {
        if (text.IsEmpty || text.SequenceEqual("null"))
        {
            return null;
        }

        return field.Kind switch
        {
            FieldKind.String => _strings[column].GetOrAdd(text),
            _ when CellParser.TryParseCommonForm(text, field.Kind, out var common) => common,
            _ => ParseText(text, schema, field, row),
        };
    }

    /// <summary>Parses a non-empty text as the field's type, keeping it as a string with a warning when invalid.</summary>
    public object ParseText(ReadOnlySpan<char> text, RecordSchema schema, RecordField field, long row)
    {
        if (!CellParser.TryParse(text, field.Kind, out var value))
        {
            KeepAsText(schema, field, row, (string)value);
        }

        return value;
    }

    public void KeepAsText(RecordSchema schema, RecordField field, long row, string text)
    {
        if (Statistics.AddWarning(schema.Name, field, row, text))
        {
            Log.ValueKeptAsText(Logger, field.Name, schema.Name, row, field.DataType);
        }
    }

    public void CountUndeclaredAttribute(RecordSchema schema, string attribute, long row)
    {
        switch (Statistics.AddUndeclaredAttribute(schema.Name, attribute, row))
        {
            case UndeclaredSighting.Listed:
                Log.UndeclaredAttribute(Logger, schema.Name, attribute, row);
                break;
            case UndeclaredSighting.FirstUnlisted:
                Log.UndeclaredAttributesUnlisted(Logger, DecodeStatistics.MaxUndeclaredAttributes, schema.Name, row);
                break;
        }
    }

    protected abstract void Bind(IReadOnlyDictionary<string, int> columnPositions);

    /// <summary>Decodes a data row whose value count matches the header.</summary>
    protected abstract MarketoRecord Decode(SepReader.Row row);

    /// <summary>Returns the unquoted text of a value; it is valid until the next call.</summary>
    protected ReadOnlySpan<char> GetValue(SepReader.Row row, int column, bool hasQuotes, long rowNumber)
    {
        var raw = row[column].Span;
        if (!hasQuotes)
        {
            return raw;
        }

        var problem = CsvQuoting.Unquote(raw, ref _unquoted, out var value);
        if (problem != QuoteProblem.None)
        {
            throw CsvErrors.Quote(rowNumber, row.LineNumberFrom, ColumnName(column), column + 1, problem);
        }

        return value;
    }

    private void CountRows()
    {
        Statistics.AddRows(_rowsNotCounted);
        _rowsNotCounted = 0;
    }

    private static bool IsBlank(SepReader.Row row) => row.ColCount == 1 && row.Span.IsEmpty;

    private void ThrowOnQuoteProblem(SepReader.Row row, bool hasQuotes)
    {
        if (!hasQuotes)
        {
            return;
        }

        for (var i = 0; i < row.ColCount; i++)
        {
            GetValue(row, i, hasQuotes, row.RowIndex);
        }
    }

    private void CheckInvalidBytes(SepReader.Row row, long rowNumber)
    {
        if (Utf8CsvTextReader.FindInvalidByte(row.Span) < 0)
        {
            return;
        }

        for (var i = 0; i < row.ColCount; i++)
        {
            var value = row[i].Span;
            var index = Utf8CsvTextReader.FindInvalidByte(value);
            if (index >= 0)
            {
                var column = rowNumber == 0 ? null : ColumnName(i);
                throw CsvErrors.InvalidUtf8(
                    rowNumber,
                    row.LineNumberFrom,
                    column,
                    Utf8CsvTextReader.ToInvalidByte(value[index]),
                    _text.FirstInvalidByteOffset);
            }
        }
    }

    private string ColumnName(int column) => column < Header.Length ? Header[column] : $"#{column + 1}";
}
