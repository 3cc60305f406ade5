using Marketo.Extract.Cli.Configuration;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Cli.Emulator;

/// <summary>
/// The Marketo emulator the command starts on 127.0.0.1 when no credentials are given, with demo data that is the
/// same on every run and exports that finish in a second or two.
/// </summary>
internal sealed class EmbeddedEmulator : IAsyncDisposable
{
    /// <summary>
    /// The end of the demo data. It is a constant, not today, so that every run builds the same dataset and a second
    /// run is incremental against the state the first one saved.
    /// </summary>
    public static readonly DateTimeOffset DatasetEnd = new(2025, 6, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the instant the extractor's clock starts at on a first run; see <see cref="DemoClock"/>.</summary>
    public static DateTimeOffset FirstRunClockStart => DatasetEnd.AddHours(1);

    /// <summary>Gets the instant the extractor's clock starts at once state exists; see <see cref="DemoClock"/>.</summary>
    public static DateTimeOffset LaterRunClockStart => DatasetEnd.AddMinutes(30);

    /// <summary>The days of demo history: four 30-day export windows, the last one short.</summary>
    public const int HistoryDays = 95;

    private readonly MarketoEmulator _emulator;

    private EmbeddedEmulator(MarketoEmulator emulator) => _emulator = emulator;

    public Uri BaseAddress => _emulator.BaseAddress;

    public static async Task<EmbeddedEmulator> StartAsync(
        Action<MarketoEmulatorOptions>? configure,
        CancellationToken cancellationToken)
    {
        var options = CreateOptions();
        configure?.Invoke(options);
        var emulator = new MarketoEmulator(options);
        try
        {
            await emulator.StartAsync(port: 0, cancellationToken);
            return new EmbeddedEmulator(emulator);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>The emulator's data and timing: realistic in shape, accelerated in time.</summary>
    internal static MarketoEmulatorOptions CreateOptions() => new()
    {
        Seed = 20250630,
        LeadCount = 4_000,
        ActivityCount = 30_000,
        HistoryDays = HistoryDays,
        DatasetEnd = DatasetEnd,
        ExportProcessingTime = TimeSpan.FromSeconds(1),
        ExportProcessingTimePerMegabyte = TimeSpan.FromMilliseconds(200),
        ExportStatusCadence = TimeSpan.FromSeconds(1),
    };

    /// <summary>Gets the settings that point at the emulator: its demo credentials and the whole demo history.</summary>
    public ConnectionSettings CreateSettings() => new()
    {
        DomainUrl = _emulator.BaseAddress,
        ClientId = _emulator.ClientId,
        ClientSecret = _emulator.ClientSecret,
        StartDate = DatasetEnd.AddDays(-HistoryDays),
        PollInterval = TimeSpan.FromSeconds(1),
        JobTimeout = TimeSpan.FromMinutes(10),
        IsEmulator = true,
    };

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
