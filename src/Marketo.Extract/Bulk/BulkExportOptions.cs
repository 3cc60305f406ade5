using Marketo.Extract.Bulk.Internal;

namespace Marketo.Extract.Bulk;

/// <summary>Settings of bulk export jobs: polling, time limits, how many jobs run ahead and download checks.</summary>
/// <remarks>
/// <see cref="BulkExportJob"/> and <see cref="BulkExportScheduler"/> validate the options and copy them when they are
/// created, so later changes to this object do not reach jobs that already run.
/// </remarks>
public sealed class BulkExportOptions
{
    /// <summary>The capacity of Marketo's export queue per instance, processing jobs included.</summary>
    internal const int MarketoQueueCapacity = 10;

    /// <summary>Gets or sets the time between two status reads of a job that is not finished.</summary>
    /// <value>
    /// 60 seconds. Marketo changes a job's status at most once a minute, so polling more often uses API calls
    /// without returning newer information. Must be greater than zero and not greater than <see cref="JobTimeout"/>.
    /// </value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how long a job may stay queued or processing, measured from its enqueue, before it is cancelled on
    /// Marketo and fails with <see cref="BulkExportTimeoutException"/>.
    /// </summary>
    /// <value>
    /// 180 minutes. Marketo sets no limit of its own. <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.
    /// For a job rebuilt from an export id, the time counts from the <c>queuedAt</c> that Marketo reports.
    /// </value>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(180);

    /// <summary>
    /// Gets or sets how many jobs <see cref="BulkExportScheduler"/> keeps created and not yet handed to the caller.
    /// </summary>
    /// <value>
    /// 4, between 1 and 10. Marketo processes 2 jobs at a time per instance, so 2 more queued jobs fill both slots
    /// at the status change that frees them, even when both finish together, while the caller is still reading an
    /// earlier file. Marketo's queue takes 10 jobs, processing ones included, and every integration on the instance
    /// shares it, so a high value can starve other integrations.
    /// </value>
    public int MaxJobsInFlight { get; set; } = 4;

    /// <summary>
    /// Gets or sets how long to wait before enqueueing again after Marketo reported that its export queue is full
    /// (code 1029, "Too many jobs in queue"). Retries go on until a place frees up or the caller cancels, because
    /// <see cref="JobTimeout"/> only starts once the enqueue is accepted.
    /// </summary>
    /// <value>60 seconds. Must be greater than zero.</value>
    public TimeSpan QueueFullRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how many times in a row a download may reconnect, without receiving a byte in between, after the
    /// connection dropped.
    /// </summary>
    /// <value>
    /// 5, between 0 and 100. Each reconnection requests the rest of the file with an HTTP <c>Range</c> header, so no
    /// byte is downloaded twice. 0 turns resuming off.
    /// </value>
    public int DownloadResumeAttempts { get; set; } = 5;

    /// <summary>Gets or sets the wait before the first reconnection of a download; it doubles with each attempt in a row.</summary>
    /// <value>2 seconds. Must be zero or greater. A single wait is never longer than 60 seconds.</value>
    public TimeSpan DownloadResumeDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets whether a download checks the SHA-256 checksum that Marketo reports for the file, besides its size.
    /// </summary>
    /// <value><see langword="true"/>. The size is always checked.</value>
    public bool VerifyChecksum { get; set; } = true;

    /// <summary>
    /// Gets or sets the time limit of the cancel call sent to Marketo when a job times out or the caller cancels.
    /// </summary>
    /// <value>
    /// 30 seconds. Must be greater than zero. The cancel call runs on its own time limit because the caller's token is
    /// already cancelled at that point.
    /// </value>
    public TimeSpan CancelTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the receiver of progress reports: state changes, bytes downloaded and records read.</summary>
    /// <value>
    /// <see langword="null"/>: no reports. A report is sent on every state change, at most once per mebibyte downloaded
    /// and at the end of a download, and whenever the caller reports records read. Under
    /// <see cref="BulkExportScheduler"/> reports come from a background task as well as the caller's, so the receiver
    /// must be thread-safe; <see cref="Progress{T}"/> is.
    /// </value>
    public IProgress<BulkExportProgress>? Progress { get; set; }

    /// <summary>Checks every setting against its rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it, its value and the rule.</exception>
    public void Validate()
    {
        BulkExportGuard.ThrowIfOutOfRange(
            JobTimeout > TimeSpan.Zero || JobTimeout == Timeout.InfiniteTimeSpan,
            nameof(JobTimeout),
            JobTimeout,
            "greater than zero, or Timeout.InfiniteTimeSpan to wait without limit");
        BulkExportGuard.ThrowIfOutOfRange(
            PollInterval > TimeSpan.Zero && (JobTimeout == Timeout.InfiniteTimeSpan || PollInterval <= JobTimeout),
            nameof(PollInterval),
            PollInterval,
            $"greater than zero and not greater than {nameof(JobTimeout)} ({JobTimeout})");
        BulkExportGuard.ThrowIfOutOfRange(
            MaxJobsInFlight is >= 1 and <= MarketoQueueCapacity,
            nameof(MaxJobsInFlight),
            MaxJobsInFlight,
            $"between 1 and {MarketoQueueCapacity}, the size of Marketo's export queue");
        BulkExportGuard.ThrowIfOutOfRange(
            QueueFullRetryDelay > TimeSpan.Zero,
            nameof(QueueFullRetryDelay),
            QueueFullRetryDelay,
            "greater than zero");
        BulkExportGuard.ThrowIfOutOfRange(
            DownloadResumeAttempts is >= 0 and <= 100,
            nameof(DownloadResumeAttempts),
            DownloadResumeAttempts,
            "between 0 and 100");
        BulkExportGuard.ThrowIfOutOfRange(
            DownloadResumeDelay >= TimeSpan.Zero,
            nameof(DownloadResumeDelay),
            DownloadResumeDelay,
            "zero or greater");
        BulkExportGuard.ThrowIfOutOfRange(
            CancelTimeout > TimeSpan.Zero,
            nameof(CancelTimeout),
            CancelTimeout,
            "greater than zero");
    }

    /// <summary>Validates these options and returns a copy that later changes to this object do not affect.</summary>
    internal BulkExportOptions ToValidatedCopy()
    {
        Validate();
        return (BulkExportOptions)MemberwiseClone();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"BulkExportOptions {{ PollInterval = {PollInterval}, JobTimeout = {JobTimeout}, " +
        $"MaxJobsInFlight = {MaxJobsInFlight}, QueueFullRetryDelay = {QueueFullRetryDelay}, " +
        $"DownloadResumeAttempts = {DownloadResumeAttempts}, DownloadResumeDelay = {DownloadResumeDelay}, " +
        $"VerifyChecksum = {VerifyChecksum}, CancelTimeout = {CancelTimeout} }}";
}
