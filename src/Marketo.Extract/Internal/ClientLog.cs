using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Internal;

/// <summary>
/// The log messages of the Marketo client (event ids 1000 to 1099). Lines carry paths, codes and times, never a
/// query string, a token or the client secret.
/// </summary>
internal static partial class ClientLog
{
    [LoggerMessage(
        EventId = 1000,
        EventName = "AccessTokenAcquired",
        Level = LogLevel.Debug,
        Message = "Acquired a Marketo access token that expires at {ExpiresAt:O}; it is renewed from {RenewAt:O}")]
    public static partial void AccessTokenAcquired(ILogger logger, DateTimeOffset expiresAt, DateTimeOffset renewAt);

    [LoggerMessage(
        EventId = 1001,
        EventName = "AccessTokenRejected",
        Level = LogLevel.Debug,
        Message = "Marketo rejected the access token with error {ErrorCode} on {Request}; requesting a new token and sending the call again")]
    public static partial void AccessTokenRejected(ILogger logger, string errorCode, string request);

    [LoggerMessage(
        EventId = 1002,
        EventName = "WaitingForTokenExpiry",
        Level = LogLevel.Debug,
        Message = "The identity service returned a token that has expired or was rejected; waiting {Delay} for it to expire before asking again")]
    public static partial void WaitingForTokenExpiry(ILogger logger, TimeSpan delay);

    [LoggerMessage(
        EventId = 1003,
        EventName = "RetryScheduled",
        Level = LogLevel.Information,
        Message = "{Request} failed with {Failure}; retry {Attempt} of {MaxAttempts} in {Delay}")]
    public static partial void RetryScheduled(
        ILogger logger, string request, string failure, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(
        EventId = 1004,
        EventName = "QuotaExceeded",
        Level = LogLevel.Warning,
        Message = "{Request} failed because the {Quota} quota is used up; it resets at {ResetsAt:O}")]
    public static partial void QuotaExceeded(ILogger logger, string request, MarketoQuotaKind quota, DateTimeOffset resetsAt);

    [LoggerMessage(
        EventId = 1005,
        EventName = "CallFailed",
        Level = LogLevel.Debug,
        Message = "{Request} failed with {Failure} after {Attempts} attempt(s)")]
    public static partial void CallFailed(ILogger logger, string request, string failure, int attempts);

    [LoggerMessage(
        EventId = 1006,
        EventName = "CallCompleted",
        Level = LogLevel.Trace,
        Message = "{Request} returned HTTP {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void CallCompleted(ILogger logger, string request, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(
        EventId = 1007,
        EventName = "WaitingForRateLimit",
        Level = LogLevel.Debug,
        Message = "The client-side limit of {MaxCalls} calls per {Window} is reached; waiting {Delay} before the next call")]
    public static partial void WaitingForRateLimit(ILogger logger, int maxCalls, TimeSpan window, TimeSpan delay);

    [LoggerMessage(
        EventId = 1008,
        EventName = "DescribeFallback",
        Level = LogLevel.Debug,
        Message = "describe2 gave no lead fields ({Reason}); reading the fields from describe instead")]
    public static partial void DescribeFallback(ILogger logger, string reason);

    [LoggerMessage(
        EventId = 1009,
        EventName = "RangeIgnored",
        Level = LogLevel.Information,
        Message = "The server ignored the Range header for export {ExportId}; skipping the first {Offset} bytes of the full file")]
    public static partial void RangeIgnored(ILogger logger, string exportId, long offset);

    [LoggerMessage(
        EventId = 1010,
        EventName = "IdentityRejected",
        Level = LogLevel.Warning,
        Message = "The Marketo identity service rejected the client credentials with HTTP {StatusCode} ({Error})")]
    public static partial void IdentityRejected(ILogger logger, int statusCode, string error);
}
