using Polly;
using Polly.Retry;

namespace Marketo.Extract.Internal;

/// <summary>The progress of one logical call through the retry pipeline.</summary>
internal sealed class MarketoCall
{
    public MarketoCall(MarketoRequest request)
    {
        Request = request;
    }

    public MarketoRequest Request { get; }

    /// <summary>Gets or sets the number of attempts made so far.</summary>
    public int Attempts { get; set; }
}

/// <summary>
/// Builds the Polly retry pipeline that every call runs through: exponential backoff with jitter on
/// <see cref="TimeProvider"/>, at least <see cref="MarketoClientOptions.RateLimitRetryDelay"/> after error 606.
/// </summary>
internal static class MarketoRetryPipeline
{
    public static readonly ResiliencePropertyKey<MarketoCall> CallKey = new("Marketo.Extract.Call");

    public static ResiliencePipeline<MarketoResponse> Create(MarketoClientState state)
    {
        var options = state.Options;
        var builder = new ResiliencePipelineBuilder<MarketoResponse> { TimeProvider = state.Time };
        if (options.MaxRetryAttempts == 0)
        {
            return builder.Build();
        }

        return builder.AddRetry(new RetryStrategyOptions<MarketoResponse>
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
            DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(options, args.Outcome, args.AttemptNumber)),
            OnRetry = args =>
            {
                state.Statistics.AddRetry();
                var request = args.Context.Properties.GetValue(CallKey, null!)?.Request.Description ?? "A call";
                var failure = args.Outcome.Result?.Failure?.Label ?? "an error";
                ClientLog.RetryScheduled(
                    state.Logger, request, failure, args.AttemptNumber + 1, options.MaxRetryAttempts, args.RetryDelay);
                return default;
            },
        }).Build();
    }

    private static bool ShouldRetry(Outcome<MarketoResponse> outcome, ResilienceContext context)
    {
        // Exceptions that reach the pipeline are final: transport failures arrive as failure results instead.
        if (outcome.Result?.Failure is not { } failure || !context.Properties.TryGetValue(CallKey, out var call))
        {
            return false;
        }

        return MarketoErrorCodes.ShouldRetry(failure, call.Request.RetryMode);
    }

    /// <summary>
    /// Returns the delay after error 606: the exponential delay, but no less than the rate-limit delay, because
    /// Marketo counts calls over a 20-second window and an earlier retry fails again. Other failures get
    /// <see langword="null"/>, which keeps Polly's own backoff.
    /// </summary>
    private static TimeSpan? RateLimitDelay(MarketoClientOptions options, Outcome<MarketoResponse> outcome, int attemptNumber)
    {
        if (outcome.Result?.Failure is not { Kind: MarketoFailureKind.Envelope, ErrorCode: MarketoErrorCodes.RateLimitExceeded })
        {
            return null;
        }

        var exponential = options.RetryBaseDelay * Math.Pow(2, Math.Min(attemptNumber, 30));
        var backoff = exponential < options.RetryMaxDelay ? exponential : options.RetryMaxDelay;
        var delay = backoff > options.RateLimitRetryDelay ? backoff : options.RateLimitRetryDelay;

        // Up to 10 % more, so that clients throttled together do not all come back in the same second.
        return delay + (delay * (0.1 * Random.Shared.NextDouble()));
    }
}
