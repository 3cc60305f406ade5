using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Marketo.Extract.Records;

namespace Marketo.Extract.Benchmarks;

/// <summary>Writing 10,000 decoded lead records of mixed types as JSON with <see cref="MarketoRecord.WriteTo"/>.</summary>
[MemoryDiagnoser]
public sealed class JsonWriteBenchmarks : IDisposable
{
    private const int Rows = 10_000;

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly List<MarketoRecord> _records = [];
    private Utf8JsonWriter _writer = null!;

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

        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [GlobalCleanup]
    public void Dispose() => _writer?.Dispose();

    [Benchmark]
    public int WriteRecords()
    {
        _buffer.ResetWrittenCount();
        foreach (var record in _records)
        {
            _writer.Reset();
            record.WriteTo(_writer);
            _writer.Flush();
        }

        return _buffer.WrittenCount;
    }
}
