using Marketo.Extract.Bulk;
using Marketo.Extract.Streams;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Tests.EndToEnd;

/// <summary>
/// Builds the emulator, client and extraction settings of the end-to-end tests. The reliability tests link this
/// file and adjust the result. Exports finish at once and every call limit is far above what one sync needs, so only
/// a test's own faults and clock moves change how a sync runs.
/// </summary>
internal static class EmulatorSetup
{
    /// <summary>Builds emulator settings for a seeded dataset that ends at the clock's current time.</summary>
    public static MarketoEmulatorOptions CreateEmulatorOptions(TimeProvider clock, int seed) => new()
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
    };

    /// <summary>Creates an HTTP client that calls the emulator in process, through an optional wrapping handler.</summary>
    public static HttpClient CreateHttpClient(
        MarketoEmulator emulator,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        var handler = emulator.CreateHandler();
        return new HttpClient(wrapHandler?.Invoke(handler) ?? handler) { BaseAddress = emulator.BaseAddress };
    }

    /// <summary>Builds client settings with the emulator's credentials and a call budget no sync exhausts.</summary>
    public static MarketoClientOptions CreateClientOptions(MarketoEmulator emulator) => new()
    {
        BaseAddress = emulator.BaseAddress,
        ClientId = emulator.ClientId,
        ClientSecret = emulator.ClientSecret,
        MaxCallsPerWindow = 10_000,
        MaxConcurrentCalls = 5,
    };

    /// <summary>Gets the start date that covers the emulator's whole dataset: one day before its first record.</summary>
    public static DateTimeOffset StartDateOf(MarketoEmulator emulator) => emulator.Dataset.Start.AddDays(-1);

    /// <summary>Builds extraction settings with 30-day windows and bulk polls of a few milliseconds.</summary>
    public static MarketoExtractOptions CreateExtractOptions(DateTimeOffset startDate) => new()
    {
        StartDate = startDate,
        WindowInDays = 30,
        Bulk = new BulkExportOptions { PollInterval = TimeSpan.FromMilliseconds(20), DownloadResumeDelay = TimeSpan.Zero },
    };
}
