using Marketo.Extract.Cli.Emulator;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Cli.Tests;

/// <summary>Runs the command in-process with captured output and a small, fast emulator dataset.</summary>
internal static class CliRunner
{
    /// <summary>Applies the test dataset and timing: the shape of the demo, fewer rows, exports in milliseconds.</summary>
    public static void ConfigureFastEmulator(MarketoEmulatorOptions options)
    {
        options.LeadCount = 600;
        options.ActivityCount = 4_000;
        options.CampaignCount = 40;
        options.StaticListCount = 30;
        options.ProgramCount = 30;
        options.ExportProcessingTime = TimeSpan.FromMilliseconds(100);
        options.ExportProcessingTimePerMegabyte = TimeSpan.Zero;
        options.ExportStatusCadence = TimeSpan.Zero;
        options.RateLimitCalls = 10_000;
    }

    /// <summary>Creates the options of a standalone emulator with the same data as the embedded one in tests.</summary>
    public static MarketoEmulatorOptions CreateStandaloneOptions()
    {
        var options = EmbeddedEmulator.CreateOptions();
        ConfigureFastEmulator(options);
        return options;
    }

    public static CliHost CreateHost(
        StringWriter output,
        StringWriter error,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null,
        Action<MarketoEmulatorOptions>? configureEmulator = null) => new()
    {
        Out = output,
        Error = error,
        Environment = name => environment?.GetValueOrDefault(name),
        Clock = new DemoClock(EmbeddedEmulator.FirstRunClockStart),
        ConfigureEmulator = options =>
        {
            ConfigureFastEmulator(options);
            configureEmulator?.Invoke(options);
        },
        ConfigureExtract = options => options.Bulk.PollInterval = TimeSpan.FromMilliseconds(50),
        ConfigureClient = options =>
        {
            options.MaxRetryAttempts = 1;
            options.MaxCallsPerWindow = 1_000;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
        },
        WrapHandler = wrapHandler,
    };

    public static async Task<CliResult> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null,
        Action<MarketoEmulatorOptions>? configureEmulator = null,
        CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = CreateHost(output, error, environment, wrapHandler, configureEmulator);

        var exitCode = await CliApp.RunAsync(args, host, cancellationToken);

        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>The exit code and the captured output of one run.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
