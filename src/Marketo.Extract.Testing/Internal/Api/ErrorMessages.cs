namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>Marketo's usual message for each error code.</summary>
internal static class ErrorMessages
{
    public const string TooManyJobsInQueue = "Too many jobs in queue";
    public const string JobAlreadyQueued = "Job already queued";
    public const string UnsupportedFilter = "Unsupported filter type for target subscription";

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["502"] = "Bad Gateway",
        ["600"] = "Empty access token",
        ["601"] = "Access token invalid",
        ["602"] = "Access token expired",
        ["603"] = "Access denied",
        ["604"] = "Request timed out",
        ["605"] = "Request method not supported",
        ["606"] = "Max rate limit '100' exceeded with in '20' secs",
        ["607"] = "Daily quota reached",
        ["608"] = "API Temporarily Unavailable",
        ["609"] = "Invalid JSON",
        ["610"] = "Requested resource not found",
        ["611"] = "System error",
        ["612"] = "Invalid Content Type",
        ["614"] = "Invalid Subscription",
        ["615"] = "Concurrent access limit reached",
        ["713"] = "Transient Error",
        ["719"] = "Lock wait timeout exception",
        ["1003"] = "Invalid data",
        ["1029"] = TooManyJobsInQueue,
        ["1035"] = UnsupportedFilter,
    };

    public static string For(string code) => Messages.TryGetValue(code, out string? message) ? message : "Error " + code;

    /// <summary>Returns the text of error 606 for a configured limit and window.</summary>
    public static string RateLimit(int calls, TimeSpan window) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Max rate limit '{calls}' exceeded with in '{(long)window.TotalSeconds}' secs");

    /// <summary>Returns the text of the daily export quota error, which clients match as <c>Export daily quota \d+MB exceeded</c>.</summary>
    public static string ExportQuota(long quotaBytes)
    {
        long megabytes = Math.Max(1, (quotaBytes + (1024 * 1024) - 1) / (1024 * 1024));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Export daily quota {megabytes}MB exceeded.");
    }
}
