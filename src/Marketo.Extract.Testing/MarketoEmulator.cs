using System.Net;
using Marketo.Extract.Testing.Internal;
using Marketo.Extract.Testing.Internal.Api;
using Marketo.Extract.Testing.Internal.Bulk;
using Marketo.Extract.Testing.Internal.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketo.Extract.Testing;

/// <summary>
/// A local Marketo instance: the identity, lead database, asset and bulk extract endpoints over deterministic
/// data, with Marketo's limits, error codes and export queue, plus fault injection.
/// </summary>
/// <remarks>
/// Serve it in process with <see cref="CreateHandler"/> or <see cref="CreateClient"/> (no sockets), or over
/// HTTP on 127.0.0.1 with <see cref="StartAsync"/>; both serve the same instance. Time comes from
/// <see cref="MarketoEmulatorOptions.TimeProvider"/>, so a fake clock drives tokens, limits and export jobs.
/// </remarks>
public sealed class MarketoEmulator : IAsyncDisposable
{
    /// <summary>The base address of the in-process server; requests through <see cref="CreateHandler"/> reach the emulator whatever their host.</summary>
    public static readonly Uri InProcessBaseAddress = new("http://localhost/");

    private readonly object _hostLock = new();
    private readonly MarketoEmulatorOptions _options;
    private readonly EmulatorApplication _application;
    private readonly ErrorBarrier _barrier;
    private readonly TokenService _tokens;
    private readonly ExportEngine _exports;
    private readonly ILogger _logger;
    private WebApplication? _inProcessHost;
    private TestServer? _testServer;
    private WebApplication? _kestrelHost;
    private Uri? _kestrelAddress;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="MarketoEmulator"/> class and builds its data.</summary>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and the allowed values.</exception>
    public MarketoEmulator(MarketoEmulatorOptions? options = null)
    {
        _options = options ?? new MarketoEmulatorOptions();
        _options.Validate();
        var time = _options.TimeProvider;
        var now = time.GetUtcNow();
        var end = _options.DatasetEnd ?? new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var shape = new DatasetShape(
            _options.Seed, _options.LeadCount, _options.ActivityCount, _options.HistoryDays, _options.CampaignCount,
            _options.StaticListCount, _options.ProgramCount, _options.NastyData);
        Dataset = new EmulatedDataset(shape, EmulatedDataset.TruncateToSeconds(end));
        Statistics = new EmulatorStatistics();
        _logger = _options.LoggerFactory?.CreateLogger("Marketo.Extract.Testing.MarketoEmulator") ?? NullLogger.Instance;
        _tokens = new TokenService(_options);
        var limiter = new CallLimiter(_options);
        _exports = new ExportEngine(_options, Dataset, Statistics, _logger, now);
        Faults = new EmulatorFaults(_exports, _tokens, time);
        _exports.Faults = Faults;
        _application = new EmulatorApplication(_options, Dataset, _tokens, limiter, _exports, Faults, Statistics, _logger);
        _barrier = new ErrorBarrier(_application.NextRequestId, Statistics, time, _logger);
    }

    /// <summary>Gets the address to send requests to: <c>http://127.0.0.1:{port}</c> once <see cref="StartAsync"/> ran, else <see cref="InProcessBaseAddress"/>.</summary>
    public Uri BaseAddress => _kestrelAddress ?? InProcessBaseAddress;

    /// <summary>Gets the client id of the main custom service.</summary>
    public string ClientId => _options.ClientId;

    /// <summary>Gets the client secret of the main custom service (a fake test credential).</summary>
    public string ClientSecret => _options.ClientSecret;

    /// <summary>Gets the data the emulator serves: the ground truth for comparisons.</summary>
    public EmulatedDataset Dataset { get; }

    /// <summary>Gets the fault injection controls.</summary>
    public EmulatorFaults Faults { get; }

    /// <summary>Gets the counters of what the emulator served.</summary>
    public EmulatorStatistics Statistics { get; }

    /// <summary>Creates a handler that sends requests to the in-process server without sockets.</summary>
    /// <returns>A new handler; the caller disposes it.</returns>
    public HttpMessageHandler CreateHandler() => InProcessServer().CreateHandler();

    /// <summary>Creates an <see cref="HttpClient"/> whose requests reach the in-process server, with <see cref="InProcessBaseAddress"/> as base address.</summary>
    /// <returns>A new client; the caller disposes it.</returns>
    public HttpClient CreateClient() => new(CreateHandler()) { BaseAddress = InProcessBaseAddress };

    /// <summary>Starts serving over HTTP on 127.0.0.1 only; <see cref="BaseAddress"/> then points there.</summary>
    /// <param name="port">The port, or 0 for a free port chosen by the system.</param>
    /// <param name="cancellationToken">A token that cancels the start.</param>
    /// <returns>A task that completes once the server listens.</returns>
    /// <exception cref="InvalidOperationException">The server was started already.</exception>
    public async Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;

            // The emulator returns 414 and 413 itself at Marketo's limits, so Kestrel's own limits are set above them.
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 128 * 1024;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var host = builder.Build();
        host.Use(_barrier.InvokeAsync);
        host.Run(_application.InvokeAsync);
        lock (_hostLock)
        {
            if (_kestrelHost is not null)
            {
                throw new InvalidOperationException("The emulator already listens on " + _kestrelAddress + "; start it once.");
            }

            _kestrelHost = host;
        }

        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _kestrelAddress = new Uri($"http://127.0.0.1:{new Uri(address).Port}");
        Log.Listening(_logger, _kestrelAddress);
    }

    /// <summary>
    /// Returns every bulk export job of every API user, in creation order, with exact times and the transitions due
    /// by now applied.
    /// </summary>
    /// <returns>A snapshot; later changes to the jobs do not reach it.</returns>
    public IReadOnlyList<EmulatedExportJob> GetExportJobs() => _exports.Snapshot(_options.TimeProvider.GetUtcNow());

    /// <summary>Makes every access token expire now: the next call with one gets 602, later ones 601, and identity mints a new token.</summary>
    public void ExpireTokensNow() => _tokens.ExpireAll(_options.TimeProvider.GetUtcNow());

    /// <summary>Stops both servers.</summary>
    /// <returns>A task that completes once the servers stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        WebApplication? kestrel;
        WebApplication? inProcess;
        lock (_hostLock)
        {
            _disposed = true;
            (kestrel, inProcess) = (_kestrelHost, _inProcessHost);
            (_kestrelHost, _inProcessHost, _testServer) = (null, null, null);
        }

        foreach (var host in new[] { kestrel, inProcess }.OfType<WebApplication>())
        {
            await host.StopAsync().ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private TestServer InProcessServer()
    {
        lock (_hostLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_testServer is not null)
            {
                return _testServer;
            }

            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
            builder.WebHost.UseTestServer();
            var host = builder.Build();
            host.Use(_barrier.InvokeAsync);
            host.Run(_application.InvokeAsync);

            // The test server opens no socket and its start completes synchronously, so this wait does not block on I/O.
            host.StartAsync().GetAwaiter().GetResult();
            _inProcessHost = host;
            _testServer = (TestServer)host.Services.GetRequiredService<IServer>();
            return _testServer;
        }
    }
}
