using System.Runtime.CompilerServices;
using Marketo.Extract.Bulk.Internal;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Bulk;

/// <summary>
/// Runs an ordered list of bulk exports while keeping Marketo's processing slots busy: it creates and enqueues jobs
/// ahead while the caller reads earlier files, and hands out completed jobs in input order.
/// </summary>
/// <remarks>
/// <para>
/// Marketo processes 2 export jobs at a time per instance and queues 10, processing ones included, shared with every
/// other integration on the instance. A run keeps at most <see cref="BulkExportOptions.MaxJobsInFlight"/> work items
/// with a job that the caller has not received yet. A background task creates, enqueues and polls those jobs while
/// the caller reads; it stops when the enumeration ends, is disposed or is cancelled, and its errors reach the
/// caller through <c>MoveNextAsync</c>.
/// </para>
/// <para>
/// Polling: where two or more jobs of one kind are running, one list call reads them all instead of one status call
/// each. Failures: a Failed job is created again once, as Marketo recommends, and so is a Completed job whose file
/// returns HTTP 404 (past Marketo's 7-day file retention); the second time the work item fails with
/// <see cref="BulkExportFailedException"/> or <see cref="MarketoExportFileNotFoundException"/>. A job that times out
/// fails with <see cref="BulkExportTimeoutException"/>. A failed work item stops the run when the caller reaches it,
/// after every item before it; no new jobs are created once one fails.
/// </para>
/// <para>
/// Queue full (Marketo code 1029, "Too many jobs in queue"): the job waits in Created, the enqueue is retried every
/// <see cref="BulkExportOptions.QueueFullRetryDelay"/>, and no further jobs are created until it is accepted.
/// Daily quota used up (<see cref="MarketoQuotaExceededException"/>): the run makes no more calls to Marketo, hands
/// out the completed items that come next in order, then throws the exception, which carries
/// <see cref="MarketoQuotaExceededException.ResetsAt"/>. Every job it created stays saved in the tracker for the
/// next run, which picks them up without paying for them again.
/// </para>
/// <para>
/// Early end: when the caller disposes the enumeration before its end, cancels it, or it fails, every job of this
/// run that the caller has not received and that is still open on Marketo is cancelled there (best effort, within
/// <see cref="BulkExportOptions.CancelTimeout"/>) and discarded from the tracker, so no job is left behind. Completed
/// jobs the caller has not received stay saved in the tracker, because their file is already paid for in export
/// quota, and so does the item the caller was reading. A job whose cancel call fails stays saved as well.
/// </para>
/// </remarks>
public sealed class BulkExportScheduler
{
    private readonly BulkExportContext _context;

    /// <summary>Initializes a new instance of the <see cref="BulkExportScheduler"/> class.</summary>
    /// <param name="client">The client that talks to Marketo.</param>
    /// <param name="options">The settings, or <see langword="null"/> for the defaults; they are validated and copied here.</param>
    /// <param name="timeProvider">The clock for polls, time limits and backoff, or <see langword="null"/> for the system clock.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it and the rule.</exception>
    public BulkExportScheduler(
        IMarketoClient client,
        BulkExportOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        _context = BulkExportContext.Create(client, options, timeProvider, logger);
    }

    /// <summary>
    /// Runs the work items and hands out each completed job, with its file ready to read, in input order.
    /// </summary>
    /// <remarks>
    /// The work items are read lazily, a few ahead of the caller. Each enumeration is an independent run. Moving to
    /// the next item calls <see cref="IBulkExportJobTracker.JobFinishedAsync"/> for the previous one. An enumeration
    /// left with <c>break</c> keeps the last item saved, so the next run reads its file again.
    /// </remarks>
    /// <param name="workItems">The exports to run, in the order to hand them out; keys must be unique.</param>
    /// <param name="tracker">
    /// The store of in-flight export ids, so a restarted process picks up the same jobs; <see langword="null"/> to
    /// keep none.
    /// </param>
    /// <param name="cancellationToken">
    /// A token that cancels the run; jobs the caller has not received are then cancelled on Marketo as described in
    /// the remarks of <see cref="BulkExportScheduler"/>.
    /// </param>
    /// <returns>The completed jobs, in input order.</returns>
    public IAsyncEnumerable<CompletedBulkExport> RunAsync(
        IEnumerable<BulkExportWorkItem> workItems,
        IBulkExportJobTracker? tracker = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItems);
        return RunCoreAsync(workItems, tracker, cancellationToken);
    }

    private async IAsyncEnumerable<CompletedBulkExport> RunCoreAsync(
        IEnumerable<BulkExportWorkItem> workItems,
        IBulkExportJobTracker? tracker,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = new BulkExportRun(_context, workItems, tracker, cancellationToken);
        await using (run.ConfigureAwait(false))
        {
            while (await run.NextAsync(cancellationToken).ConfigureAwait(false) is { } completed)
            {
                yield return completed;
                await run.FinishAsync(completed, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
