using Marketo.Extract.Cli.Configuration;
using Marketo.Extract.Cli.Emulator;
using Marketo.Extract.Cli.Terminal;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Cli;

/// <summary>
/// The connection of one command: the checked settings, the built-in emulator when no credentials are given, the
/// Marketo client and the logging.
/// </summary>
internal sealed class MarketoSession : IAsyncDisposable
{
    private readonly EmbeddedEmulator? _emulator;
    private readonly HttpClient _http;
    private readonly CliHost _host;

    private MarketoSession(
        ConnectionSettings settings,
        EmbeddedEmulator? emulator,
        HttpClient http,
        MarketoClient client,
        ILoggerFactory loggerFactory,
        CliHost host)
    {
        _host = host;
        Settings = settings;
        _emulator = emulator;
        _http = http;
        Client = client;
        LoggerFactory = loggerFactory;
    }

    public ConnectionSettings Settings { get; }

    public MarketoClient Client { get; }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Creates the clock of an extraction: the host clock, or the demo clock against the emulator.</summary>
    /// <param name="hasSavedCursors">Whether an earlier run saved a cursor; see <see cref="DemoClock"/>.</param>
    public TimeProvider CreateExtractorClock(bool hasSavedCursors) =>
        _emulator is null
            ? _host.Clock
            : new DemoClock(hasSavedCursors ? EmbeddedEmulator.LaterRunClockStart : EmbeddedEmulator.FirstRunClockStart);

    /// <summary>
    /// Checks the configuration, then starts the emulator if no credentials were given, then builds the client.
    /// Nothing is sent to Marketo yet; the command calls <see cref="WriteEmulatorNotice"/> once its own checks pass.
    /// </summary>
    public static async Task<MarketoSession> OpenAsync(CliHost host, CommonArguments arguments, CancellationToken cancellationToken)
    {
        var loader = SettingsLoader.Read(arguments.ConfigPath, host.Environment, arguments.StartDate, arguments.WindowInDays);

        // Before any key is checked: a secret pasted into the wrong key must not come back in that key's error line.
        if (loader.ClientSecret is { } secret)
        {
            host.Secrets.Add(secret);
        }

        if (loader.HasConnection)
        {
            var settings = loader.ResolveConnection(host.Clock.GetUtcNow());
            return Create(host, arguments, settings, emulator: null);
        }

        // The demo's "now" is just past the end of its data, so the start date is checked against the data's end.
        var placeholder = new Uri("http://127.0.0.1/");
        var demo = loader.Resolve(EmulatorDefaults(placeholder), EmbeddedEmulator.DatasetEnd);
        var emulator = await EmbeddedEmulator.StartAsync(host.ConfigureEmulator, cancellationToken);
        try
        {
            var settings = emulator.CreateSettings() with
            {
                StartDate = demo.StartDate,
                WindowInDays = demo.WindowInDays,
                PollInterval = demo.PollInterval,
                JobTimeout = demo.JobTimeout,
            };
            return Create(host, arguments, settings, emulator);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Gets whether the command works on the built-in emulator, which starts afresh on each run.</summary>
    public bool UsesBuiltInEmulator => _emulator is not null;

    /// <summary>Writes the notice that the command works on the emulator's demo data, if it does.</summary>
    /// <param name="action">What the command does with it, such as "extracting from".</param>
    public void WriteEmulatorNotice(string action)
    {
        if (_emulator is not null)
        {
            _host.Out.WriteLine(
                $"No Marketo credentials given: {action} the built-in emulator at {_emulator.BaseAddress} (demo data)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _http.Dispose();
        LoggerFactory.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    private static ConnectionSettings EmulatorDefaults(Uri placeholder) => new()
    {
        DomainUrl = placeholder,
        ClientId = "-",
        ClientSecret = "-",
        StartDate = EmbeddedEmulator.DatasetEnd.AddDays(-EmbeddedEmulator.HistoryDays),
        PollInterval = TimeSpan.FromSeconds(1),
        JobTimeout = TimeSpan.FromMinutes(10),
    };

    private static MarketoSession Create(
        CliHost host,
        CommonArguments arguments,
        ConnectionSettings settings,
        EmbeddedEmulator? emulator)
    {
        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
            .AddProvider(new CliLoggerProvider(host, arguments.Verbose))
            .SetMinimumLevel(arguments.Verbose ? LogLevel.Information : LogLevel.Warning));
        var options = new MarketoClientOptions
        {
            BaseAddress = settings.DomainUrl,
            ClientId = settings.ClientId,
            ClientSecret = settings.ClientSecret,
        };
        host.Secrets.Add(settings.ClientSecret);
        host.ConfigureClient?.Invoke(options);

        HttpMessageHandler handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        handler = host.WrapHandler?.Invoke(handler) ?? handler;
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            var client = new MarketoClient(http, options, logger: loggerFactory.CreateLogger<MarketoClient>());
            return new MarketoSession(settings, emulator, http, client, loggerFactory, host);
        }
        catch (ArgumentException exception)
        {
            http.Dispose();
            loggerFactory.Dispose();
            throw CliException.Usage(ErrorReport.InCommandTerms(ErrorReport.MessageOf(exception)));
        }
    }
}
