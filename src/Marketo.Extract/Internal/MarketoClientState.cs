using Microsoft.Extensions.Logging;
using Polly;

namespace Marketo.Extract.Internal;

/// <summary>
/// What every <see cref="MarketoClient"/> built from one set of options shares: the token cache, the throttle,
/// the retry pipeline and the statistics.
/// </summary>
/// <remarks>
/// The DI registration makes this a singleton behind transient typed clients, so that the rate limit and the token
/// hold across every client that <c>IHttpClientFactory</c> hands out.
/// </remarks>
internal sealed class MarketoClientState : IDisposable
{
    public MarketoClientState(MarketoClientOptions options, TimeProvider time, ILogger logger)
    {
        MarketoClientOptionsValidator.ThrowIfInvalid(options, nameof(options));
        Options = options.Clone();
        Endpoint = new MarketoEndpoint(Options.BaseAddress!);
        Time = time;
        Logger = logger;
        Redactor = new SecretRedactor(Options.ClientSecret!);
        Tokens = new AccessTokenCache(this);
        Throttle = new CallThrottle(Options, time, logger);
        Pipeline = MarketoRetryPipeline.Create(this);
    }

    /// <summary>Gets the validated copy of the options.</summary>
    public MarketoClientOptions Options { get; }

    public MarketoEndpoint Endpoint { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public MarketoClientStatistics Statistics { get; } = new();

    public SecretRedactor Redactor { get; }

    public AccessTokenCache Tokens { get; }

    public CallThrottle Throttle { get; }

    public ResiliencePipeline<MarketoResponse> Pipeline { get; }

    public void Dispose()
    {
        Tokens.Dispose();
        Throttle.Dispose();
    }
}
