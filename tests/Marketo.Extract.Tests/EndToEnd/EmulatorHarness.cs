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
        _httpClient = EmulatorSetup.CreateHttpClient(emulator);
        Client = new MarketoClient(_httpClient, EmulatorSetup.CreateClientOptions(emulator), clock);
    }

    public MarketoEmulator Emulator { get; }

    public ShiftableTimeProvider Clock { get; }

    public MarketoClient Client { get; }

    public InMemoryCursorStore Store { get; } = new();

    public DateTimeOffset StartDate => EmulatorSetup.StartDateOf(Emulator);

    public static EmulatorHarness Create(int seed = 7, bool supportsUpdatedAtFilter = true)
    {
        var clock = new ShiftableTimeProvider();
        var options = EmulatorSetup.CreateEmulatorOptions(clock, seed);
        options.SupportsUpdatedAtFilter = supportsUpdatedAtFilter;
        var emulator = new MarketoEmulator(options);
        return new EmulatorHarness(emulator, clock);
    }

    public MarketoExtractor CreateExtractor(ICursorStore? store = null) =>
        new(Client, store ?? Store, CreateOptions(), Clock);

    public MarketoExtractOptions CreateOptions() => EmulatorSetup.CreateExtractOptions(StartDate);

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
