using BenchmarkDotNet.Attributes;
using Marketo.Extract.Records;

namespace Marketo.Extract.Benchmarks;

/// <summary>Decoding of 10,000 activity rows, with attributes flattened into typed fields or kept as one JSON object.</summary>
[MemoryDiagnoser]
public class ActivityBenchmarks
{
    private const int Rows = 10_000;

    private byte[] _csv = [];
    private IReadOnlyDictionary<int, RecordSchema> _schemas = null!;

    [Params(ActivityAttributeLayout.Flattened, ActivityAttributeLayout.Nested)]
    public ActivityAttributeLayout Layout { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_csv, var types) = CsvFactory.Activities(Rows);
        _schemas = RecordSchema.ForActivityTypes(types, Layout);
    }

    [Benchmark]
    public async Task<long> DecodeActivities()
    {
        long rows = 0;
        await foreach (var record in new ExportCsvDecoder().ReadActivitiesAsync(new MemoryStream(_csv, writable: false), _schemas))
        {
            rows++;
        }

        return rows;
    }
}
