using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Marketo.Extract.Records;

namespace Marketo.Extract.Benchmarks;

/// <summary>
/// Writing 10,000 decoded lead records of mixed types as JSON, with <see cref="MarketoRecord.WriteTo"/> and with
/// <see cref="JsonLinesWriter"/>, which writes the UTF-8 of each line itself.
/// </summary>
[MemoryDiagnoser]
public class JsonWriteBenchmarks
{
    private const int Rows = 10_000;

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly List<MarketoRecord> _records = [];
    private readonly JsonWriterOptions _options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GlobalSetup]
    public async Task Setup()
    {
        string[] dataTypes = ["integer", "email", "string", "text", "float", "currency", "boolean", "datetime", "date", "integer"];
        var (csv, fields) = CsvFactory.Leads([.. dataTypes, .. dataTypes, .. dataTypes], Rows);
        var schema = RecordSchema.ForLeads(fields);
        await foreach (var record in new ExportCsvDecoder().ReadLeadsAsync(new MemoryStream(csv), schema))
        {
            _records.Add(record);
        }

    }

    [Benchmark(Baseline = true)]
    public int WriteRecords()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer, _options);
        foreach (var record in _records)
        {
            writer.Reset();
            record.WriteTo(writer);
            writer.Flush();
        }

        return _buffer.WrittenCount;
    }

    [Benchmark]
    public long WriteJsonLines()
    {
        using var writer = new JsonLinesWriter(Stream.Null);
        foreach (var record in _records)
        {
            writer.Write(record);
        }

        return writer.RecordsWritten;
    }
}
