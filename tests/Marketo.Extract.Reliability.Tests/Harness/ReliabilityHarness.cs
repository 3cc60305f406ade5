using Marketo.Extract.Models;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;
using Marketo.Extract.Testing;
using Marketo.Extract.Tests.EndToEnd;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Reliability.Tests.Harness;

/// <summary>
/// An emulator with a small seeded dataset, and a client and extractor wired to it over the in-process handler with
/// retry delays of a few milliseconds, so a sync through many faults takes well under a second of waiting.
/// Every log line of the client, the extractor and the emulator is captured at Trace.
/// </summary>
internal sealed class ReliabilityHarness : IAsyncDisposable
{
    private readonly HttpClient _httpClient;
    private readonly ILoggerFactory _loggerFactory;

    private ReliabilityHarness(
        MarketoEmulator emulator,
        ShiftableTimeProvider clock,
        CapturedLogs logs,
        ILoggerFactory loggerFactory,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler,
        Action<MarketoClientOptions>? configureClient)
    {
        Emulator = emulator;
        Clock = clock;
        Logs = logs;
        _loggerFactory = loggerFactory;
        _httpClient = EmulatorSetup.CreateHttpClient(emulator, wrapHandler);
        ClientOptions = EmulatorSetup.CreateClientOptions(emulator);
        ClientOptions.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        ClientOptions.RetryMaxDelay = TimeSpan.FromMilliseconds(5);
        ClientOptions.RateLimitRetryDelay = TimeSpan.FromMilliseconds(5);
        ClientOptions.RequestTimeout = TimeSpan.FromSeconds(10);
        configureClient?.Invoke(ClientOptions);
        Client = new MarketoClient(_httpClient, ClientOptions, clock, loggerFactory.CreateLogger<MarketoClient>());
    }

    public MarketoEmulator Emulator { get; }

    public ShiftableTimeProvider Clock { get; }

    public CapturedLogs Logs { get; }

    public MarketoClientOptions ClientOptions { get; }

    public MarketoClient Client { get; }

    public InMemoryCursorStore Store { get; } = new();

    public DateTimeOffset StartDate => EmulatorSetup.StartDateOf(Emulator);

    /// <summary>Every exception a test saw, so secrets checks can read their full text.</summary>
    public List<Exception> Exceptions { get; } = [];

    public static ReliabilityHarness Create(
        int seed = 7,
        Action<MarketoEmulatorOptions>? configureEmulator = null,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null,
        Action<MarketoClientOptions>? configureClient = null)
    {
        var clock = new ShiftableTimeProvider();
        var logs = new CapturedLogs();
        var loggerFactory = logs.CreateFactory();
        var options = EmulatorSetup.CreateEmulatorOptions(clock, seed);
        // Smaller than the end-to-end dataset because most tests here sync it more than once.
        options.LeadCount = 300;
        options.ActivityCount = 1_500;
        options.HistoryDays = 45;
        options.LoggerFactory = loggerFactory;
        configureEmulator?.Invoke(options);
        var emulator = new MarketoEmulator(options);
        return new ReliabilityHarness(emulator, clock, logs, loggerFactory, wrapHandler, configureClient);
    }

    public MarketoExtractor CreateExtractor(ICursorStore? store = null) =>
        new(Client, store ?? Store, CreateOptions(), Clock, _loggerFactory.CreateLogger<MarketoExtractor>());

    /// <summary>Gets or sets a change applied to the extraction options of every extractor built afterwards.</summary>
    public Action<MarketoExtractOptions>? ConfigureExtract { get; set; }

    public MarketoExtractOptions CreateOptions()
    {
        var options = EmulatorSetup.CreateExtractOptions(StartDate);
        options.Bulk.PollInterval = TimeSpan.FromMilliseconds(10);
        options.Bulk.QueueFullRetryDelay = TimeSpan.FromMilliseconds(20);
        ConfigureExtract?.Invoke(options);
        return options;
    }

    /// <summary>Reads every selected stream once and keeps each record with its stream id, in delivery order.</summary>
    public async Task<SyncOutcome> SyncAsync(
        IEnumerable<string>? streams = null,
        ICursorStore? store = null,
        CancellationToken cancellationToken = default)
    {
        var records = new List<ExtractedRecord>();
        var extractor = CreateExtractor(store);
        try
        {
            await foreach (var record in extractor.ReadAsync(streams, cancellationToken: cancellationToken))
            {
                records.Add(record);
            }
        }
        catch (Exception ex)
        {
            Exceptions.Add(ex);
            return new SyncOutcome(records, extractor.LastSummary, ex);
        }

        return new SyncOutcome(records, extractor.LastSummary, null);
    }

    /// <summary>
    /// Syncs again and again with the same store until a sync ends without an error, calling
    /// <paramref name="beforeRetry"/> after each failed one; returns every sync's outcome.
    /// </summary>
    public async Task<List<SyncOutcome>> SyncUntilDoneAsync(int maxRuns, Action<SyncOutcome> beforeRetry, ICursorStore? store = null)
    {
        var outcomes = new List<SyncOutcome>();
        while (outcomes.Count < maxRuns)
        {
            var outcome = await SyncAsync(store: store);
            outcomes.Add(outcome);
            if (outcome.Error is null)
            {
                break;
            }

            beforeRetry(outcome);
        }

        return outcomes;
    }

    /// <summary>Lists every difference between the records and the emulator's dataset: missing, unexpected, changed.</summary>
    public List<string> CompareWithGroundTruth(IReadOnlyList<ExtractedRecord> records)
    {
        var dataset = Emulator.Dataset;
        var differences = new List<string>();
        var leads = records.Where(r => r.StreamId == StreamIds.Leads).Select(r => (MarketoRecord)r.Value);
        differences.AddRange(GroundTruth.CompareLeads(leads, dataset.Leads));
        var activities = records
            .Where(r => r.StreamId.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal))
            .Select(r => (MarketoRecord)r.Value);
        var expectedActivities = dataset.Activities.Where(a => a.ActivityTypeId != RecordKeys.DeleteLeadTypeId);
        differences.AddRange(GroundTruth.CompareActivities(activities, expectedActivities));

        var expectedOthers = RecordKeys.Expected(dataset, StartDate)
            .Where(key => !key.StartsWith("lead:", StringComparison.Ordinal) && !key.StartsWith("activity:", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var others = records
            .Where(r => r.StreamId != StreamIds.Leads && !r.StreamId.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal))
            .Select(RecordKeys.Of)
            .ToList();
        differences.AddRange(others.GroupBy(key => key).Where(g => g.Count() > 1).Select(g => $"{g.Key} delivered {g.Count()} times"));
        differences.AddRange(others.Distinct().Where(key => !expectedOthers.Contains(key)).Select(key => $"{key} is not expected"));
        differences.AddRange(expectedOthers.Except(others).Select(key => $"{key} is missing"));
        return differences;
    }

    /// <summary>
    /// Lists the export jobs that are open on the emulator (Created, Queued or Processing) while no stream's state
    /// tracks them: jobs nobody will ever read or cancel.
    /// </summary>
    public async Task<List<string>> FindOrphanedJobsAsync(IEnumerable<StreamState> states)
    {
        var tracked = states.SelectMany(state => state.PendingExports).Select(p => p.ExportId).ToHashSet(StringComparer.Ordinal);
        var orphans = new List<string>();
        foreach (var kind in new[] { BulkExportObject.Leads, BulkExportObject.Activities })
        {
            await foreach (var job in Client.ListExportsAsync(kind))
            {
                var open = job.Status is BulkExportStatus.Created or BulkExportStatus.Queued or BulkExportStatus.Processing;
                if (open && !tracked.Contains(job.ExportId))
                {
                    orphans.Add($"{kind} job {job.ExportId} is {job.Status} and tracked by no stream");
                }
            }
        }

        return orphans;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _httpClient.Dispose();
        await Emulator.DisposeAsync();
        _loggerFactory.Dispose();
    }
}

/// <summary>The records of one sync in delivery order, its summary, and the exception that ended it, if any.</summary>
internal sealed record SyncOutcome(IReadOnlyList<ExtractedRecord> Records, ExtractSummary? Summary, Exception? Error);
