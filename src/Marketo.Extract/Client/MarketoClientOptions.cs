namespace Marketo.Extract;

/// <summary>Settings of a <see cref="IMarketoClient"/>: where Marketo is, the credentials, and the tuning knobs.</summary>
/// <remarks>
/// The client copies these values when it is built, so changing this object later has no effect on it.
/// Invalid values are rejected at start-up with a message that names the value and the rule.
/// </remarks>
public sealed class MarketoClientOptions
{
    /// <summary>
    /// Gets or sets the REST endpoint shown in Marketo's Admin &gt; Web Services, for example
    /// <c>https://123-ABC-456.mktorest.com</c>. A trailing <c>/</c>, <c>/rest</c> or <c>/rest/</c> is tolerated.
    /// </summary>
    /// <value>No default; required. Plain <c>http</c> is accepted only for loopback hosts unless
    /// <see cref="AllowInsecureHttp"/> is set.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the client id of the LaunchPoint custom service.</summary>
    /// <value>No default; required.</value>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret of the LaunchPoint custom service. It is never logged or printed.</summary>
    /// <value>No default; required.</value>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets how long before its expiry an access token is renewed.</summary>
    /// <value>60 seconds. Between zero and 30 minutes.</value>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the maximum number of calls this client sends within any <see cref="RateLimitWindow"/>.
    /// Marketo allows 100 calls per 20 seconds per instance, shared by every integration.
    /// </summary>
    /// <value>80. Must be positive.</value>
    public int MaxCallsPerWindow { get; set; } = 80;

    /// <summary>Gets or sets the length of the sliding window that <see cref="MaxCallsPerWindow"/> applies to.</summary>
    /// <value>20 seconds. Must be positive.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Gets or sets the maximum number of calls this client has in flight at once. Marketo rejects the 11th
    /// concurrent call of an instance with error 615.
    /// </summary>
    /// <value>5. Must be positive.</value>
    public int MaxConcurrentCalls { get; set; } = 5;

    /// <summary>
    /// Gets or sets the number of calls this client may send per Marketo day, which ends at midnight
    /// America/Chicago. Past it, calls fail with <see cref="MarketoQuotaExceededException"/> before they are sent.
    /// </summary>
    /// <value><see langword="null"/>: no budget beyond Marketo's own daily quota. When set, must be positive.</value>
    public int? DailyCallBudget { get; set; }

    /// <summary>Gets or sets how many times a call that failed with a transient error is sent again.</summary>
    /// <value>5. Zero turns retries off.</value>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>Gets or sets the delay before the first retry; later retries double it, with jitter.</summary>
    /// <value>1 second. Must be positive.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest delay between two attempts, except after error 606 (see <see cref="RateLimitRetryDelay"/>).</summary>
    /// <value>60 seconds. Must not be less than <see cref="RetryBaseDelay"/>.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the minimum delay before retrying a call that Marketo rejected with error 606 (rate limit
    /// exceeded). Marketo counts calls over 20 seconds, so a shorter wait fails again.
    /// </summary>
    /// <value>20 seconds. Must not be negative.</value>
    public TimeSpan RateLimitRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Gets or sets how long one attempt may take: the whole response of a JSON call, or the response headers
    /// of an export file download. An attempt that times out is retried like a transient error.
    /// </summary>
    /// <value>100 seconds. Must be positive, or <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Gets or sets a value indicating whether <see cref="BaseAddress"/> may use plain <c>http</c> for a host
    /// other than a loopback address. Plain http sends the client secret and the access token unencrypted.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"MarketoClientOptions {{ BaseAddress = {BaseAddress}, ClientId = {ClientId}, " +
        $"ClientSecret = {(ClientSecret is null ? "null" : "***")}, " +
        $"MaxCallsPerWindow = {MaxCallsPerWindow}, RateLimitWindow = {RateLimitWindow}, " +
        $"MaxConcurrentCalls = {MaxConcurrentCalls}, DailyCallBudget = {DailyCallBudget?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} }}";

    internal MarketoClientOptions Clone() => (MarketoClientOptions)MemberwiseClone();
}
