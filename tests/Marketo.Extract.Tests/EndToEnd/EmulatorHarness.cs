using Marketo.Extract.Bulk;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Tests.EndToEnd;

/// <summary>An emulator with a small dataset, a client and an extractor wired to it over the in-process handler.</summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    private readonly HttpClient _httpClient;

    private EmulatorHarness(MarketoEmulator emulator, ShiftableTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
        _httpClient = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };
        Client = new MarketoClient(
            _httpClient,
            new MarketoClientOptions
            {
                BaseAddress = emulator.BaseAddress,
                ClientId = emulator.ClientId,
                ClientSecret = emulator.ClientSecret,
                MaxCallsPerWindow = 10_000,
                MaxConcurrentCalls = 5,
            },
            clock);
    }

    public MarketoEmulator Emulator { get; }

    public ShiftableTimeProvider Clock { get; }

    public MarketoClient Client { get; }

    public InMemoryCursorStore Store { get; } = new();

    public DateTimeOffset StartDate => Emulator.Dataset.Start.AddDays(-1);

    public static EmulatorHarness Create(int seed = 7, bool supportsUpdatedAtFilter = true)
    {
        var clock = new ShiftableTimeProvider();
        var emulator = new MarketoEmulator(new MarketoEmulatorOptions
        {
            Seed = seed,
            LeadCount = 400,
            ActivityCount = 3_000,
            HistoryDays = 75,
            CampaignCount = 320,
            StaticListCount = 310,
            ProgramCount = 210,
            DatasetEnd = clock.GetUtcNow(),
            TimeProvider = clock,
            ExportQueueWait = TimeSpan.Zero,
            ExportProcessingTime = TimeSpan.Zero,
            ExportProcessingTimePerMegabyte = TimeSpan.Zero,
            ExportStatusCadence = TimeSpan.Zero,
            RateLimitCalls = 100_000,
            SupportsUpdatedAtFilter = supportsUpdatedAtFilter,
        });
        return new EmulatorHarness(emulator, clock);
    }

    public MarketoExtractor CreateExtractor(ICursorStore? store = null) =>
        new(Client, store ?? Store, CreateOptions(), Clock);

    public MarketoExtractOptions CreateOptions() => new()
    {
        StartDate = StartDate,
        WindowInDays = 30,
        Bulk = new BulkExportOptions { PollInterval = TimeSpan.FromMilliseconds(20), DownloadResumeDelay = TimeSpan.Zero },
    };

    /// <summary>Reads every stream once and groups the records by stream id.</summary>
    public async Task<SyncResult> SyncAsync(IEnumerable<string>? streams = null, ICursorStore? store = null)
    {
        var records = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        var extractor = CreateExtractor(store);
        await foreach (var record in extractor.ReadAsync(streams))
        {
            if (!records.TryGetValue(record.StreamId, out var list))
            {
                records[record.StreamId] = list = [];
            }

            list.Add(record.Value);
        }

        return new SyncResult(records, extractor.LastSummary!);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _httpClient.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>The records of one sync, by stream id, and its summary.</summary>
internal sealed record SyncResult(IReadOnlyDictionary<string, List<object>> Records, ExtractSummary Summary)
{
    public IReadOnlyList<T> Of<T>(string streamId) =>
        Records.TryGetValue(streamId, out var list) ? [.. list.Cast<T>()] : [];

    public IReadOnlyList<MarketoRecord> RecordsOf(string streamId) => Of<MarketoRecord>(streamId);

    public int Total => Records.Values.Sum(list => list.Count);
}
