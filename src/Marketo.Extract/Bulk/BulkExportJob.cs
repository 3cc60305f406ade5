using System.Diagnostics.CodeAnalysis;
using Marketo.Extract.Bulk.Internal;
using Marketo.Extract.Models;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Bulk;

/// <summary>
/// One Marketo bulk export job as a long-running operation: start it, poll its status, wait for it to complete and
/// read its file as a resumable, verified stream.
/// </summary>
/// <remarks>
/// <para>
/// Save <see cref="ExportId"/> as soon as <see cref="StartAsync(IMarketoClient, LeadExportRequest, BulkExportOptions?, TimeProvider?, ILogger?, CancellationToken)"/>
/// returns. A process that restarts rebuilds the job with <see cref="FromExportId"/> and waits for the same job
/// instead of exporting again and paying Marketo's daily export quota twice.
/// </para>
/// <para>
/// Properties can be read from any thread while an operation runs. Run one wait, status read or download at a time.
/// To run many jobs in order while keeping Marketo's processing slots busy, use <see cref="BulkExportScheduler"/>.
/// </para>
/// </remarks>
public sealed partial class BulkExportJob
{
    private readonly BulkExportContext _context;

    private BulkExportJob(BulkExportContext context, BulkExportObject kind, BulkExportJobInfo info, BulkExportJobState state)
    {
        _context = context;
        Kind = kind;
        ExportId = info.ExportId;
        _info = info;
        _state = state;
    }

    /// <summary>Gets the export id Marketo gave the job (a UUID); save it to rebuild the job after a restart.</summary>
    public string ExportId { get; }

    /// <summary>Gets whether the job exports leads or activities.</summary>
    public BulkExportObject Kind { get; }

    /// <summary>Gets the key of the scheduler work item this job serves, for logs and progress reports.</summary>
    internal string? Key { get; init; }

    /// <summary>
    /// Creates a bulk lead export job on Marketo and enqueues it. While Marketo's export queue is full, the enqueue
    /// is retried every <see cref="BulkExportOptions.QueueFullRetryDelay"/>.
    /// </summary>
    /// <param name="client">The client that talks to Marketo.</param>
    /// <param name="request">The fields and the filter of the export.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for polls, time limits and backoff, or <see langword="null"/> for the system clock.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">A token that cancels the start; a job created by then is cancelled on Marketo.</param>
    /// <returns>The job, in state <see cref="BulkExportJobState.Queued"/> or later.</returns>
    /// <exception cref="MarketoQuotaExceededException">The daily export quota is used up.</exception>
    [SuppressMessage(
        "ApiDesign",
        "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads differ in the type of a required parameter, so no call can bind to both.")]
    public static Task<BulkExportJob> StartAsync(
        IMarketoClient client,
        LeadExportRequest request,
        BulkExportOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        // Only the scheduler reads a work item's key; a job started here has none.
        var workItem = BulkExportWorkItem.ForLeads(nameof(StartAsync), request);
        var context = BulkExportContext.Create(client, options, timeProvider, logger);
        return StartCoreAsync(context, workItem, cancellationToken);
    }

    /// <summary>
    /// Creates a bulk activity export job on Marketo and enqueues it. While Marketo's export queue is full, the
    /// enqueue is retried every <see cref="BulkExportOptions.QueueFullRetryDelay"/>.
    /// </summary>
    /// <param name="client">The client that talks to Marketo.</param>
    /// <param name="request">The date range, the activity types (at most 10, never Delete Lead) and the fields.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for polls, time limits and backoff, or <see langword="null"/> for the system clock.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">A token that cancels the start; a job created by then is cancelled on Marketo.</param>
    /// <returns>The job, in state <see cref="BulkExportJobState.Queued"/> or later.</returns>
    /// <exception cref="ArgumentException">The request lists more than 10 activity types, none, or Delete Lead (37).</exception>
    /// <exception cref="MarketoQuotaExceededException">The daily export quota is used up.</exception>
    [SuppressMessage(
        "ApiDesign",
        "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads differ in the type of a required parameter, so no call can bind to both.")]
    public static Task<BulkExportJob> StartAsync(
        IMarketoClient client,
        ActivityExportRequest request,
        BulkExportOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        var workItem = BulkExportWorkItem.ForActivities(nameof(StartAsync), request);
        var context = BulkExportContext.Create(client, options, timeProvider, logger);
        return StartCoreAsync(context, workItem, cancellationToken);
    }

    /// <summary>
    /// Rebuilds a job from an export id saved earlier, without calling Marketo. Call
    /// <see cref="UpdateStatusAsync"/> or <see cref="WaitForCompletionAsync"/> next; both report a job that Marketo no
    /// longer finds with <see cref="BulkExportJobNotFoundException"/>, and the wait enqueues a job still in
    /// <see cref="BulkExportJobState.Created"/>.
    /// </summary>
    /// <param name="client">The client that talks to Marketo; it must use the API user that created the job.</param>
    /// <param name="kind">Whether the job exports leads or activities.</param>
    /// <param name="exportId">The saved export id.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for polls, time limits and backoff, or <see langword="null"/> for the system clock.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <returns>The job, in state <see cref="BulkExportJobState.Unknown"/>.</returns>
    public static BulkExportJob FromExportId(
        IMarketoClient client,
        BulkExportObject kind,
        string exportId,
        BulkExportOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        BulkExportGuard.ThrowIfUndefined(kind, nameof(kind));
        BulkExportGuard.ThrowIfInvalidExportId(exportId, nameof(exportId));
        var context = BulkExportContext.Create(client, options, timeProvider, logger);
        return Rebuild(context, kind, exportId, key: null);
    }

    /// <summary>Reads the job's status from Marketo and moves <see cref="State"/> on.</summary>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The state after the read. A status text this library does not know leaves the state as it was.</returns>
    /// <exception cref="BulkExportJobNotFoundException">Marketo does not know the export id.</exception>
    public async Task<BulkExportJobState> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        BulkExportJobInfo info;
        try
        {
            info = await _context.Client.GetExportStatusAsync(Kind, ExportId, cancellationToken).ConfigureAwait(false);
        }
        catch (MarketoException exception) when (BulkExportErrors.IsJobNotFound(exception))
        {
            throw BulkExportErrors.JobNotFound(Kind, ExportId, exception);
        }

        OnStatusRead(info);
        return State;
    }

    /// <summary>
    /// Waits for the job to complete: enqueues it if it is still <see cref="BulkExportJobState.Created"/>, then reads
    /// its status every <see cref="BulkExportOptions.PollInterval"/>.
    /// </summary>
    /// <param name="cancellationToken">
    /// A token that cancels the wait. The job is then cancelled on Marketo (best effort, within
    /// <see cref="BulkExportOptions.CancelTimeout"/>) before <see cref="OperationCanceledException"/> is thrown.
    /// </param>
    /// <returns>The job as Marketo reports it once completed, with the file's size and checksum.</returns>
    /// <exception cref="BulkExportFailedException">The job failed on Marketo, or someone else cancelled it.</exception>
    /// <exception cref="BulkExportTimeoutException">
    /// The job was not finished within <see cref="BulkExportOptions.JobTimeout"/>; it was cancelled on Marketo.
    /// </exception>
    /// <exception cref="BulkExportJobNotFoundException">Marketo does not know the export id.</exception>
    public async Task<BulkExportJobInfo> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await WaitUntilFinalAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelBestEffortAsync().ConfigureAwait(false);
            throw;
        }

        return GetCompletedInfoOrThrow();
    }

    /// <summary>Cancels the job on Marketo, which frees its place in the export queue.</summary>
    /// <remarks>A job in a final state is left alone: there is nothing to cancel.</remarks>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>A task that completes when Marketo confirmed the cancellation.</returns>
    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        if (IsFinal(State))
        {
            return;
        }

        var info = await _context.Client.CancelExportAsync(Kind, ExportId, cancellationToken).ConfigureAwait(false);
        OnCancelled(info);
    }

    /// <summary>
    /// Opens the file of the completed job as a forward-only stream that reconnects with HTTP <c>Range</c> requests
    /// after a dropped connection and checks the bytes against the size and SHA-256 checksum Marketo reported.
    /// </summary>
    /// <remarks>
    /// The stream keeps no more than one read buffer in memory. A size or checksum mismatch throws
    /// <see cref="BulkExportIntegrityException"/> from the read that reaches the end of the file, after every byte
    /// before it was handed out; see that exception for what to do with records already read.
    /// </remarks>
    /// <param name="cancellationToken">A token that cancels opening the first connection.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">The job is not <see cref="BulkExportJobState.Completed"/>.</exception>
    /// <exception cref="MarketoExportFileNotFoundException">
    /// Marketo answered HTTP 404 although the job is completed: the file is past its 7-day retention. Create the
    /// export again.
    /// </exception>
    public Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default)
    {
        var (state, info) = GetSnapshot();
        if (state != BulkExportJobState.Completed)
        {
            throw BulkExportErrors.NotCompleted(Kind, ExportId, state);
        }

        return OpenReadCoreAsync(info, cancellationToken);
    }

    /// <inheritdoc />
    public override string ToString() => $"BulkExportJob {{ Kind = {Kind}, ExportId = {ExportId}, State = {State} }}";

    /// <summary>Creates a job on Marketo for a work item, without enqueueing it.</summary>
    internal static async Task<BulkExportJob> CreateAsync(
        BulkExportContext context, BulkExportWorkItem workItem, string? key, CancellationToken cancellationToken)
    {
        var info = await CreateWithRecoveryAsync(context, workItem, key, cancellationToken).ConfigureAwait(false);
        var job = new BulkExportJob(context, workItem.Kind, info, BulkExportJobState.Unknown) { Key = key };
        Log.JobCreated(context.Logger, job.Kind, job.ExportId, key);
        job.OnCreated(info);
        return job;
    }

    /// <summary>
    /// Creates the job. When a create fails in a way that may still have created it (a dropped connection, an HTTP
    /// 5xx, a timeout), every job in Created that Marketo lists for this API user since the attempt began is cancelled
    /// and the create is tried again, so no unaccounted job is left behind.
    /// </summary>
    /// <remarks>
    /// A job in Created costs no export quota and takes no queue slot; cancelling is bookkeeping. Jobs are owned by the
    /// API user, so a job another integration of the same API user created in the same seconds would be cancelled too:
    /// give each integration its own API user, as Marketo recommends.
    /// </remarks>
    private static async Task<BulkExportJobInfo> CreateWithRecoveryAsync(
        BulkExportContext context, BulkExportWorkItem workItem, string? key, CancellationToken cancellationToken)
    {
        const int MaxAttempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var attemptStart = context.TimeProvider.GetUtcNow().AddSeconds(-5);
            try
            {
                return await workItem.CreateExportAsync(context.Client, cancellationToken).ConfigureAwait(false);
            }
            catch (MarketoException ex) when (ex.ExportMayExist && attempt < MaxAttempts)
            {
                Log.AmbiguousCreate(context.Logger, workItem.Kind, key, attempt, ex);
                await CancelCreatedSinceAsync(context, workItem.Kind, attemptStart, cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2), context.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task CancelCreatedSinceAsync(
        BulkExportContext context, BulkExportObject kind, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        await foreach (var job in context.Client.ListExportsAsync(kind, [BulkExportStatus.Created], cancellationToken)
            .ConfigureAwait(false))
        {
            if (job.CreatedAt is not { } createdAt || createdAt >= since)
            {
                created.Add(job.ExportId);
            }
        }

        foreach (var exportId in created)
        {
            await context.Client.CancelExportAsync(kind, exportId, cancellationToken).ConfigureAwait(false);
            Log.OrphanCancelled(context.Logger, kind, exportId);
        }
    }

    /// <summary>Rebuilds a job from an export id without calling Marketo.</summary>
    internal static BulkExportJob Rebuild(BulkExportContext context, BulkExportObject kind, string exportId, string? key)
    {
        var info = new BulkExportJobInfo { ExportId = exportId, Status = BulkExportStatus.Unknown };
        return new BulkExportJob(context, kind, info, BulkExportJobState.Unknown) { Key = key };
    }

    /// <summary>
    /// Enqueues the job once. Returns <see langword="false"/> when Marketo's export queue is full, so the caller can
    /// decide when to try again.
    /// </summary>
    internal async Task<bool> TryEnqueueAsync(CancellationToken cancellationToken)
    {
        BulkExportJobInfo info;
        try
        {
            info = await _context.Client.EnqueueExportAsync(Kind, ExportId, cancellationToken).ConfigureAwait(false);
        }
        catch (MarketoExportQueueFullException)
        {
            Log.QueueFull(_context.Logger, Kind, ExportId, _context.Options.QueueFullRetryDelay);
            return false;
        }

        OnEnqueued(info);
        return true;
    }

    /// <summary>
    /// Cancels the job on Marketo, on its own time limit and never with the caller's token, which is typically
    /// cancelled already. A failure is logged, not thrown. A job that is over on Marketo is left alone, and so is a
    /// rebuilt job whose status was never read, because it may have completed and its file may still be wanted.
    /// </summary>
    internal async Task CancelBestEffortAsync()
    {
        if (State is BulkExportJobState.Unknown or BulkExportJobState.Completed or BulkExportJobState.Failed
            or BulkExportJobState.Cancelled)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_context.Options.CancelTimeout, _context.TimeProvider);
        try
        {
            var info = await _context.Client.CancelExportAsync(Kind, ExportId, timeout.Token).ConfigureAwait(false);
            OnCancelled(info);
        }
#pragma warning disable CA1031 // Best effort: the caller is already failing or cancelled, and this error is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.CancelFailed(_context.Logger, Kind, ExportId, exception);
        }
    }

    /// <summary>Moves the job to <see cref="BulkExportJobState.TimedOut"/> and cancels it on Marketo, best effort.</summary>
    internal async Task TimeOutAsync()
    {
        OnTimedOut();
        await CancelBestEffortAsync().ConfigureAwait(false);
    }

    /// <summary>Returns the exception that explains why a job in a final state other than Completed has no file.</summary>
    internal MarketoException GetFinalError()
    {
        var (state, info) = GetSnapshot();
        return state switch
        {
            BulkExportJobState.Failed => BulkExportErrors.Failed(Kind, info),
            BulkExportJobState.Cancelled => BulkExportErrors.CancelledOnMarketo(Kind, info),
            BulkExportJobState.TimedOut => BulkExportErrors.TimedOut(Kind, ExportId, _context.Options.JobTimeout),
            _ => throw new InvalidOperationException($"Export job {ExportId} is {state}, which is not a failure."),
        };
    }

    private static async Task<BulkExportJob> StartCoreAsync(
        BulkExportContext context, BulkExportWorkItem workItem, CancellationToken cancellationToken)
    {
        var job = await CreateAsync(context, workItem, key: null, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnqueueUntilAcceptedAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The caller never receives this job's id, so no one could resume or cancel it later.
            await job.CancelBestEffortAsync().ConfigureAwait(false);
            throw;
        }

        return job;
    }

    private static async Task EnqueueUntilAcceptedAsync(BulkExportJob job, CancellationToken cancellationToken)
    {
        var context = job._context;
        while (!await job.TryEnqueueAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(context.Options.QueueFullRetryDelay, context.TimeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task WaitUntilFinalAsync(CancellationToken cancellationToken)
    {
        if (State == BulkExportJobState.Unknown)
        {
            await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        }

        var (due, started) = (Now, Now);
        while (!IsFinal(State))
        {
            if (State == BulkExportJobState.Created)
            {
                // A fresh rebuild, or Marketo still shows Created after an enqueue: enqueue (again).
                await EnqueueUntilAcceptedAsync(this, cancellationToken).ConfigureAwait(false);
                (due, started) = (Now, Now);
                continue;
            }

            due = GetNextPollAt(due, started);
            var delay = due - Now;
            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _context.TimeProvider, cancellationToken)
                .ConfigureAwait(false);
            started = Now;
            await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            if (!IsFinal(State) && IsPastDeadline())
            {
                await TimeOutAsync().ConfigureAwait(false);
            }
        }
    }

    private DateTimeOffset Now => _context.TimeProvider.GetUtcNow();

    // Marketo's startedAt and finishedAt fall on its status cadence, so the poll moves on to just after a boundary,
    // but never past the job's deadline.
    private DateTimeOffset GetNextPollAt(DateTimeOffset due, DateTimeOffset started)
    {
        var interval = _context.Options.PollInterval;
        var next = StatusCadence.NextPollAt(due, started, StatusCadence.LatestBoundary(Info), interval);
        return GetDeadline() is { } deadline && deadline < next ? deadline : next;
    }

    private BulkExportJobInfo GetCompletedInfoOrThrow()
    {
        var (state, info) = GetSnapshot();
        return state == BulkExportJobState.Completed ? info : throw GetFinalError();
    }

    private async Task<Stream> OpenReadCoreAsync(BulkExportJobInfo info, CancellationToken cancellationToken)
    {
        var stream = new BulkExportDownloadStream(_context, Kind, info, OnBytesDownloaded);
        try
        {
            await stream.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return stream;
    }
}
