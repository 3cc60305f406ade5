using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>The pump's status reads and what it does with each state a job reaches.</summary>
internal sealed partial class BulkExportRun
{
    private static readonly BulkExportStatus[] OpenStatuses = [BulkExportStatus.Queued, BulkExportStatus.Processing];

    /// <summary>
    /// Reads the status of every running job. Where two or more jobs of one kind run, one list call of the queued and
    /// processing jobs replaces a status call per job. A job missing from that list has moved on, or is older than
    /// the list's 7 days, so it gets its own status call.
    /// </summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var running = GetEntries(ScheduledExportPhase.Running);
        foreach (var group in running.GroupBy(entry => entry.WorkItem.Kind))
        {
            var entries = group.ToList();
            var listed = entries.Count >= 2
                ? await ListOpenJobsAsync(group.Key, cancellationToken).ConfigureAwait(false)
                : null;
            var missing = 0;
            foreach (var entry in entries)
            {
                var job = entry.Job!;
                if (listed is not null && listed.TryGetValue(job.ExportId, out var info))
                {
                    job.OnStatusRead(info);
                }
                else
                {
                    missing += listed is null ? 0 : 1;
                    if (!await TryReadStatusAsync(entry, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }
                }

                await HandleStatusAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            if (listed is not null)
            {
                Log.JobsListed(_context.Logger, group.Key, entries.Count, missing);
            }
        }
    }

    /// <summary>
    /// Returns when the next poll is due after one that was due at <paramref name="due"/> and started at
    /// <paramref name="started"/>: a poll interval later, moved on to just after the next status boundary that
    /// Marketo's timestamps of this run's jobs reveal, so a status change is seen as soon as it can be.
    /// </summary>
    private DateTimeOffset NextPollAt(DateTimeOffset due, DateTimeOffset started) =>
        StatusCadence.NextPollAt(due, started, _statusBoundary, _context.Options.PollInterval);

    private async Task<Dictionary<string, BulkExportJobInfo>> ListOpenJobsAsync(
        BulkExportObject kind, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, BulkExportJobInfo>(StringComparer.OrdinalIgnoreCase);
        var jobs = _context.Client.ListExportsAsync(kind, OpenStatuses, cancellationToken);
        await foreach (var info in jobs.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            listed[info.ExportId] = info;
        }

        return listed;
    }

    private async Task<bool> TryReadStatusAsync(ScheduledExport entry, CancellationToken cancellationToken)
    {
        try
        {
            await entry.Job!.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BulkExportJobNotFoundException exception)
        {
            await ReplaceLostJobAsync(entry, exception, cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Moves the entry on after its job's state changed: enqueue, wait, hand out, replace or fail.</summary>
    private async Task HandleStatusAsync(ScheduledExport entry, CancellationToken cancellationToken)
    {
        var job = entry.Job!;
        if (StatusCadence.LatestBoundary(job.Info) is { } boundary
            && (_statusBoundary is null || boundary > _statusBoundary))
        {
            _statusBoundary = boundary;
        }

        switch (job.State)
        {
            case BulkExportJobState.Created:
                // A fresh pick-up, or Marketo still shows Created after an enqueue: enqueue (again).
                await EnqueueAsync(entry, cancellationToken).ConfigureAwait(false);
                break;
            case BulkExportJobState.Completed:
                SetPhase(entry, ScheduledExportPhase.Ready);
                break;
            case BulkExportJobState.Failed:
                await ReplaceFailedJobAsync(entry, cancellationToken).ConfigureAwait(false);
                break;
            case BulkExportJobState.Cancelled:
            case BulkExportJobState.TimedOut:
                await DiscardJobAsync(entry, cancellationToken).ConfigureAwait(false);
                Fault(entry, job.GetFinalError());
                break;
            default:
                await KeepRunningAsync(entry, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task KeepRunningAsync(ScheduledExport entry, CancellationToken cancellationToken)
    {
        var job = entry.Job!;
        if (job.IsPastDeadline())
        {
            await job.TimeOutAsync().ConfigureAwait(false);
            await DiscardJobAsync(entry, cancellationToken).ConfigureAwait(false);
            Fault(entry, job.GetFinalError());
            return;
        }

        lock (_lock)
        {
            // A job that starts running while no other runs waits a full interval, as status changes once a minute.
            if (!_entries.Any(other => other.Phase == ScheduledExportPhase.Running))
            {
                _nextPollAt = NextPollAt(Now, Now);
            }

            entry.Phase = ScheduledExportPhase.Running;
        }
    }

    /// <summary>
    /// Replaces a failed job once, as Marketo recommends creating failed jobs again; the second failure of the same
    /// work item fails it with <see cref="BulkExportFailedException"/>.
    /// </summary>
    private async Task ReplaceFailedJobAsync(ScheduledExport entry, CancellationToken cancellationToken)
    {
        var job = entry.Job!;
        var info = job.Info;
        if (!await CountFailureAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            var firstExportId = entry.ReplacedExportId ?? job.ExportId;
            Fault(entry, BulkExportErrors.FailedAgain(entry.Key, job.Kind, firstExportId, info));
            return;
        }

        Log.RecreatingAfterFailure(_context.Logger, job.Kind, job.ExportId, entry.Key, info.ErrorMessage);
        await ReplaceJobAsync(entry, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces a queued or processing job whose status Marketo no longer finds, once, like a failed job; the second
    /// loss fails the work item with <see cref="BulkExportJobNotFoundException"/>.
    /// </summary>
    private async Task ReplaceLostJobAsync(
        ScheduledExport entry, BulkExportJobNotFoundException error, CancellationToken cancellationToken)
    {
        var job = entry.Job!;
        if (!await CountFailureAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            Fault(entry, error);
            return;
        }

        Log.RecreatingLostJob(_context.Logger, job.Kind, job.ExportId, entry.Key);
        await ReplaceJobAsync(entry, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the entry's job and counts the failure; returns whether the work item may get a new job.</summary>
    private async Task<bool> CountFailureAsync(ScheduledExport entry, CancellationToken cancellationToken)
    {
        await DiscardJobAsync(entry, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            entry.FailedJobs++;
            return entry.FailedJobs == 1;
        }
    }
}
