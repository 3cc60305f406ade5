using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;

namespace Marketo.Extract.Internal;

/// <summary>Marketo's error codes and the retry decisions the client takes on them.</summary>
internal static partial class MarketoErrorCodes
{
    public const string AccessTokenInvalid = "601";
    public const string AccessTokenExpired = "602";
    public const string RateLimitExceeded = "606";
    public const string DailyQuotaReached = "607";
    public const string ExportQueueOrQuota = "1029";
    public const string UnsupportedFilter = "1035";

    /// <summary>
    /// Codes of conditions that pass: 502 bad gateway, 604 time-out, 606 rate limit, 608 unavailable, 611 system
    /// error, 614 subscription unreachable, 615 concurrency limit, 713 transient error, 719 lock wait time-out.
    /// </summary>
    private static readonly FrozenSet<string> TransientCodes =
        FrozenSet.ToFrozenSet(["502", "604", "606", "608", "611", "614", "615", "713", "719"], StringComparer.Ordinal);

    /// <summary>
    /// Transient codes by which Marketo reports that it did not carry out the request, so that a bulk export create can be
    /// sent again without risking a second job. A 502 comes from a gateway that may have passed the request on.
    /// </summary>
    private static readonly FrozenSet<string> NotProcessedCodes =
        FrozenSet.ToFrozenSet(["604", "606", "608", "611", "614", "615", "713", "719"], StringComparer.Ordinal);

    public static bool IsTransient(string? code) => code is not null && TransientCodes.Contains(code);

    public static bool IsAuthenticationFailure(string? code) => code is AccessTokenInvalid or AccessTokenExpired;

    /// <summary>Decides whether an attempt that failed is sent again under the request's retry mode.</summary>
    public static bool ShouldRetry(MarketoFailure failure, MarketoRetryMode mode)
    {
        if (!IsTransient(failure))
        {
            return false;
        }

        return mode == MarketoRetryMode.Idempotent || !MayHaveBeenProcessed(failure);
    }

    /// <summary>Decides whether a failure is one that passes with time, whatever the request.</summary>
    public static bool IsTransient(MarketoFailure failure) => failure.Kind switch
    {
        MarketoFailureKind.Envelope => IsTransient(failure.ErrorCode),
        MarketoFailureKind.HttpStatus => IsTransientStatus(failure.StatusCode),
        MarketoFailureKind.Transport or MarketoFailureKind.Timeout or MarketoFailureKind.IdentityUnavailable => true,
        _ => false,
    };

    /// <summary>Decides whether Marketo may have carried out a request whose attempt failed.</summary>
    public static bool MayHaveBeenProcessed(MarketoFailure failure) => failure.Kind switch
    {
        MarketoFailureKind.Envelope => !NotProcessedCodes.Contains(failure.ErrorCode ?? string.Empty),
        MarketoFailureKind.Transport or MarketoFailureKind.IdentityUnavailable => !failure.RequestNotSent,
        _ => true,
    };

    public static bool IsTransientStatus(HttpStatusCode? status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int?)status >= 500;

    public static bool IsExportQueueFull(string? message) =>
        message?.Contains("Too many jobs in queue", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsExportAlreadyQueued(string? message) =>
        message?.Contains("already queued", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsExportDailyQuotaExceeded(string? message) =>
        message is not null && ExportDailyQuotaPattern().IsMatch(message);

    [GeneratedRegex(@"Export daily quota\s+(\d+\s*MB\s+)?exceeded", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExportDailyQuotaPattern();
}
