using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using Marketo.Extract.Internal;
using Marketo.Extract.Internal.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketo.Extract;

/// <summary>
/// The typed client for the Marketo Engage REST, Asset and Bulk Extract APIs.
/// </summary>
/// <remarks>
/// <para>
/// Use one client for one Marketo instance and share it: the token cache, the rate limit and the concurrency limit
/// hold per client. With dependency injection, <c>AddMarketoExtract</c> registers it so that every client handed out
/// shares them.
/// </para>
/// <para>
/// JSON calls ask for gzip. A caller-supplied <see cref="HttpClient"/> should enable automatic decompression on its
/// handler; without it the client decodes gzip itself. Its <see cref="HttpClient.Timeout"/> applies on top of
/// <see cref="MarketoClientOptions.RequestTimeout"/>, so it should be at least as long.
/// </para>
/// </remarks>
public sealed partial class MarketoClient : IMarketoClient, IDisposable
{
    private const int LeadDatabaseBatchSize = 300;

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly MarketoClientState _state;
    private readonly bool _ownsState;
    private readonly MarketoTransport _transport;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="MarketoClient"/> class around a caller's <see cref="HttpClient"/>.</summary>
    /// <param name="httpClient">The client to send requests with; it is not disposed with this object.</param>
    /// <param name="options">The settings; they are validated and copied.</param>
    /// <param name="timeProvider">The clock for token expiry, throttling and retry delays; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds an invalid value; the message names it.</exception>
    [SuppressMessage(
        "ApiDesign",
        "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The constructors differ in their first, required parameter, so no call can bind to both.")]
    public MarketoClient(
        HttpClient httpClient,
        MarketoClientOptions options,
        TimeProvider? timeProvider = null,
        ILogger<MarketoClient>? logger = null)
        : this(
            httpClient: httpClient ?? throw new ArgumentNullException(nameof(httpClient)),
            state: CreateState(options, timeProvider, logger),
            ownsHttpClient: false,
            ownsState: true)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="MarketoClient"/> class with its own <see cref="HttpClient"/>,
    /// which decompresses gzip and is disposed with this object.
    /// </summary>
    /// <param name="options">The settings; they are validated and copied.</param>
    /// <param name="timeProvider">The clock for token expiry, throttling and retry delays; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds an invalid value; the message names it.</exception>
    [SuppressMessage(
        "ApiDesign",
        "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The constructors differ in their first, required parameter, so no call can bind to both.")]
    public MarketoClient(
        MarketoClientOptions options,
        TimeProvider? timeProvider = null,
        ILogger<MarketoClient>? logger = null)
        : this(
            // Arguments run in the order written, so invalid options throw before an HttpClient exists to leak.
            state: CreateState(options, timeProvider, logger),
            httpClient: CreateOwnedHttpClient(),
            ownsHttpClient: true,
            ownsState: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoClient"/> class that shares state with others (DI).</summary>
    internal MarketoClient(HttpClient httpClient, MarketoClientState state)
        : this(httpClient, state, ownsHttpClient: false, ownsState: false)
    {
    }

    private MarketoClient(HttpClient httpClient, MarketoClientState state, bool ownsHttpClient, bool ownsState)
    {
        _httpClient = httpClient;
        _state = state;
        _ownsHttpClient = ownsHttpClient;
        _ownsState = ownsState;
        _transport = new MarketoTransport(httpClient, state);
    }

    /// <inheritdoc />
    public MarketoClientStatistics Statistics => _state.Statistics;

    /// <summary>Disposes the <see cref="HttpClient"/> this client created; a caller's client is left open.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }

        if (_ownsState)
        {
            _state.Dispose();
        }
    }

    private static MarketoClientState CreateState(MarketoClientOptions options, TimeProvider? timeProvider, ILogger? logger) =>
        new(options, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);

    private static HttpClient CreateOwnedHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,

            // Connections are renewed now and then so that a long-lived client follows DNS changes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        // Each attempt has its own timeout (RequestTimeout), so the HttpClient's is turned off.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private Task<MarketoEnvelope<T>> GetAsync<T>(
        string path, QueryBuilder? query, JsonTypeInfo<MarketoEnvelope<T>> envelopeType, CancellationToken cancellationToken) =>
        _transport.SendAsync<T>(
            new MarketoRequest { Method = HttpMethod.Get, Path = path, Query = query?.ToString(), EnvelopeType = envelopeType },
            cancellationToken);
}
