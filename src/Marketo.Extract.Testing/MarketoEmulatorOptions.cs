namespace Marketo.Extract.Testing;

/// <summary>Settings of a <see cref="MarketoEmulator"/>: its data, credentials, clock, export timing, limits and switches.</summary>
/// <remarks>The defaults reproduce a standard Marketo subscription. The emulator reads the options once, when it is built.</remarks>
public sealed class MarketoEmulatorOptions
{
    /// <summary>The client id the emulator accepts unless <see cref="ClientId"/> is set. It is a fake demo value.</summary>
    public const string DefaultClientId = "emulator-client-id";

    /// <summary>The client secret the emulator accepts unless <see cref="ClientSecret"/> is set. It is a fake demo value.</summary>
    public const string DefaultClientSecret = "emulator-client-secret";

    /// <summary>The API user the default credentials belong to.</summary>
    public const string DefaultApiUser = "api-user@emulator.example.com";

    /// <summary>Gets or sets the seed the data is built from.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets the number of leads. A further 2% are generated and deleted within the last 14 days.</summary>
    /// <value>The default is 1,000.</value>
    public int LeadCount { get; set; } = 1_000;

    /// <summary>Gets or sets the number of activities, Delete Lead activities excluded.</summary>
    /// <value>The default is 10,000.</value>
    public int ActivityCount { get; set; } = 10_000;

    /// <summary>Gets or sets the number of days of history: leads and activities are created within that many days before the dataset end.</summary>
    /// <value>The default is 90.</value>
    public int HistoryDays { get; set; } = 90;

    /// <summary>Gets or sets the number of smart campaigns; more than 300 makes the campaign list span two pages.</summary>
    /// <value>The default is 350.</value>
    public int CampaignCount { get; set; } = 350;

    /// <summary>Gets or sets the number of static lists; more than 300 makes the list span two pages.</summary>
    /// <value>The default is 320.</value>
    public int StaticListCount { get; set; } = 320;

    /// <summary>Gets or sets the number of programs; more than 200 makes the program browse span two pages.</summary>
    /// <value>The default is 230.</value>
    public int ProgramCount { get; set; } = 230;

    /// <summary>Gets or sets the end of the generated data, truncated to whole seconds.</summary>
    /// <value>The default is <see langword="null"/>: the time provider's current time, truncated to the whole hour, so two emulators built within the same hour hold the same data.</value>
    public DateTimeOffset? DatasetEnd { get; set; }

    /// <summary>Gets or sets whether values contain the awkward content real exports have: commas, quotes, CR and LF, U+2028, NUL, non-Latin text, emoji, empty strings and percent values with fractions.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool NastyData { get; set; } = true;

    /// <summary>Gets or sets the client id of the main custom service.</summary>
    /// <value>The default is <see cref="DefaultClientId"/>.</value>
    public string ClientId { get; set; } = DefaultClientId;

    /// <summary>Gets or sets the client secret of the main custom service.</summary>
    /// <value>The default is <see cref="DefaultClientSecret"/>.</value>
    public string ClientSecret { get; set; } = DefaultClientSecret;

    /// <summary>Gets or sets the API user of the main custom service, returned as the token's <c>scope</c>.</summary>
    /// <value>The default is <see cref="DefaultApiUser"/>.</value>
    public string ApiUser { get; set; } = DefaultApiUser;

    /// <summary>Gets the credentials of further custom services, for example to check that export jobs are visible only to their creator.</summary>
    /// <value>The default is an empty list.</value>
    public IList<EmulatorClientCredentials> AdditionalClients { get; } = [];

    /// <summary>Gets or sets the clock of the emulator: token expiry, rate windows, quotas and export progress all read it.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests pass a <c>FakeTimeProvider</c> to run hours of export time in milliseconds.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets how long an enqueued job waits in Queued before it may start processing, if a slot is free.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan ExportQueueWait { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets the fixed part of a job's processing time.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan ExportProcessingTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the processing time added per megabyte (1,048,576 bytes) of the export file.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan ExportProcessingTimePerMegabyte { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the processing time added per exported record.</summary>
    /// <value>The default is zero.</value>
    public TimeSpan ExportProcessingTimePerRecord { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Gets or sets how often job statuses change. Marketo updates a job's status at most once a minute, so with a
    /// non-zero cadence every transition lands on a multiple of the cadence after the emulator started. Zero moves
    /// jobs the moment their time is due.
    /// </summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan ExportStatusCadence { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets whether the times of bulk export jobs (<c>createdAt</c>, <c>queuedAt</c>, <c>startedAt</c>,
    /// <c>finishedAt</c>) carry milliseconds. Marketo writes whole seconds, which is 1/60 of its status cadence. Turn
    /// this on when the emulator's clock runs many times faster than Marketo's, so that a client still reads when a
    /// job moved on to the same fraction of the cadence.
    /// </summary>
    /// <value>The default is <see langword="false"/>: whole seconds, as Marketo writes them.</value>
    public bool ExportTimesWithMilliseconds { get; set; }

    /// <summary>Gets or sets the number of calls allowed in one <see cref="RateLimitWindow"/>; the next one gets error 606.</summary>
    /// <value>The default is 100.</value>
    public int RateLimitCalls { get; set; } = 100;

    /// <summary>Gets or sets the sliding window of the rate limit.</summary>
    /// <value>The default is 20 seconds.</value>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets the number of calls allowed in flight at once; one more gets error 615.</summary>
    /// <value>The default is 10.</value>
    public int MaxConcurrentCalls { get; set; } = 10;

    /// <summary>Gets or sets the number of calls allowed per day (midnight to midnight, America/Chicago); more get error 607.</summary>
    /// <value>The default is 50,000.</value>
    public int DailyCallQuota { get; set; } = 50_000;

    /// <summary>Gets or sets the bytes of export files that may complete per day (America/Chicago); beyond it create and enqueue get error 1029.</summary>
    /// <value>The default is 500 MB (524,288,000 bytes).</value>
    public long DailyExportQuotaBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Gets or sets the number of export jobs that may process at once.</summary>
    /// <value>The default is 2.</value>
    public int MaxProcessingExports { get; set; } = 2;

    /// <summary>Gets or sets the number of export jobs that may be queued, processing ones included; one more gets error 1029.</summary>
    /// <value>The default is 10.</value>
    public int MaxQueuedExports { get; set; } = 10;

    /// <summary>Gets or sets the lifetime of a newly minted access token.</summary>
    /// <value>The default is 3,600 seconds.</value>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(3600);

    /// <summary>Gets or sets whether a token passed as the <c>access_token</c> query or form parameter is rejected with error 601, as Marketo does after the parameter's removal.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool RejectAccessTokenQueryParameter { get; set; } = true;

    /// <summary>Gets or sets the error code for a call without a token: 600 (Empty access token) or 601.</summary>
    /// <value>The default is 600.</value>
    public int MissingTokenErrorCode { get; set; } = 600;

    /// <summary>
    /// Gets or sets whether the subscription supports the bulk lead <c>updatedAt</c> and smart list filters.
    /// When <see langword="false"/>, creating such an export gets error 1035, as on subscriptions without them.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool SupportsUpdatedAtFilter { get; set; } = true;

    /// <summary>Gets or sets the logger factory for request, job and fault logs.</summary>
    /// <value>The default is <see langword="null"/>: nothing is logged.</value>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate()
    {
        RequireAtLeast(LeadCount, 0, nameof(LeadCount));
        RequireAtLeast(ActivityCount, 0, nameof(ActivityCount));
        RequireAtLeast(HistoryDays, 1, nameof(HistoryDays));
        RequireAtLeast(CampaignCount, 0, nameof(CampaignCount));
        RequireAtLeast(StaticListCount, 0, nameof(StaticListCount));
        RequireAtLeast(ProgramCount, 0, nameof(ProgramCount));
        RequireAtLeast(RateLimitCalls, 1, nameof(RateLimitCalls));
        RequireAtLeast(MaxConcurrentCalls, 1, nameof(MaxConcurrentCalls));
        RequireAtLeast(DailyCallQuota, 1, nameof(DailyCallQuota));
        RequireAtLeast(DailyExportQuotaBytes, 1, nameof(DailyExportQuotaBytes));
        RequireAtLeast(MaxProcessingExports, 1, nameof(MaxProcessingExports));
        RequireAtLeast(MaxQueuedExports, MaxProcessingExports, nameof(MaxQueuedExports));
        RequireNotNegative(ExportQueueWait, nameof(ExportQueueWait));
        RequireNotNegative(ExportProcessingTime, nameof(ExportProcessingTime));
        RequireNotNegative(ExportProcessingTimePerMegabyte, nameof(ExportProcessingTimePerMegabyte));
        RequireNotNegative(ExportProcessingTimePerRecord, nameof(ExportProcessingTimePerRecord));
        RequireNotNegative(ExportStatusCadence, nameof(ExportStatusCadence));
        RequirePositive(RateLimitWindow, nameof(RateLimitWindow));
        RequirePositive(TokenLifetime, nameof(TokenLifetime));
        if (MissingTokenErrorCode is not (600 or 601))
        {
            throw new ArgumentException(
                $"{nameof(MissingTokenErrorCode)} is {MissingTokenErrorCode}; it must be 600 or 601.", nameof(MissingTokenErrorCode));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ValidateCredentials();
    }

    private void ValidateCredentials()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var client in AdditionalClients.Prepend(new EmulatorClientCredentials(ClientId, ClientSecret, ApiUser)))
        {
            if (string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrEmpty(client.ClientSecret) ||
                string.IsNullOrWhiteSpace(client.ApiUser))
            {
                throw new ArgumentException(
                    $"The credentials of client '{client.ClientId}' are incomplete; set a client id, a client secret and an API user.",
                    nameof(AdditionalClients));
            }

            if (!ids.Add(client.ClientId))
            {
                throw new ArgumentException(
                    $"The client id '{client.ClientId}' is configured twice; give each custom service its own id.",
                    nameof(AdditionalClients));
            }
        }
    }

    private static void RequireAtLeast(long value, long minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be at least {minimum}.");
        }
    }

    private static void RequireNotNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must not be negative.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be positive.");
        }
    }
}
