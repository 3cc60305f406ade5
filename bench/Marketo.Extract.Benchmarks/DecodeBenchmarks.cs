using BenchmarkDotNet.Attributes;
using Marketo.Extract.Records;

namespace Marketo.Extract.Benchmarks;

/// <summary>Typed decoding of 10,000 lead rows of 20 columns, by mix of data types.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int Rows = 10_000;

    private byte[] _csv = [];
    private RecordSchema _schema = null!;

    [Params("StringHeavy", "NumericHeavy", "Dates")]
    public string Mix { get; set; } = "StringHeavy";

    [GlobalSetup]
    public void Setup()
    {
        string[] dataTypes = Mix switch
        {
            "StringHeavy" => Repeat(["string", "text", "email", "string", "phone"], 20),
            "NumericHeavy" => Repeat(["integer", "float", "currency", "integer", "boolean"], 20),
            _ => Repeat(["datetime", "date", "datetime", "integer"], 20),
        };
        (_csv, var fields) = CsvFactory.Leads(dataTypes, Rows);
        _schema = RecordSchema.ForLeads(fields);
    }

    [Benchmark]
    public async Task<long> DecodeLeads()
    {
        long rows = 0;
        await foreach (var record in new ExportCsvDecoder().ReadLeadsAsync(new MemoryStream(_csv, writable: false), _schema))
        {
            rows++;
        }

        return rows;
    }

    private static string[] Repeat(string[] pattern, int count) => [.. Enumerable.Range(0, count).Select(i => pattern[i % pattern.Length])];
}
