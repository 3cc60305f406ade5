using System.Runtime.ExceptionServices;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>How a run ends: the quota stop, and what happens to jobs the consumer never received.</summary>
internal sealed partial class BulkExportRun
{
    /// <summary>
    /// Stops the pump, then settles every job the consumer did not receive. After a quota stop every job stays saved
    /// for the next run. Otherwise jobs still open on Marketo are cancelled (best effort) and forgotten, while
    /// Completed jobs stay saved because their file is already paid for in export quota.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        if (_current is not null)
        {
            await _current.CloseUnusedStreamAsync().ConfigureAwait(false);
        }

        await SettleUnreadJobsAsync().ConfigureAwait(false);
        _input?.Dispose();
        _tracker.Dispose();
        _stopping.Dispose();
    }

    private void StopForQuota(MarketoQuotaExceededException exception)
    {
        int savedJobs;
        lock (_lock)
        {
            _quotaError = exception;
            _runError = ExceptionDispatchInfo.Capture(exception);
            savedJobs = _entries.Skip(_handedCount).Count(entry => entry.IsTracked);
        }

        Log.QuotaStop(_context.Logger, exception.Quota, exception.ResetsAt, savedJobs);
    }

    private async Task SettleUnreadJobsAsync()
    {
        List<ScheduledExport> unread;
        bool quotaStop;
        lock (_lock)
        {
            unread = _entries.Skip(_handedCount).Where(entry => entry.Job is not null).ToList();
            quotaStop = _quotaError is not null;
        }

        var toCancel = new List<ScheduledExport>();
        foreach (var entry in unread)
        {
            var job = entry.Job!;
            if (quotaStop || job.State is BulkExportJobState.Completed or BulkExportJobState.Unknown)
            {
                // Unknown: a saved job whose status was never read may have completed; keep it for the next run.
                if (entry.IsTracked)
                {
                    Log.JobKept(_context.Logger, job.Kind, job.ExportId, entry.Key, job.State);
                }
            }
            else if (!BulkExportJob.IsFinal(job.State))
            {
                toCancel.Add(entry);
            }
        }

        await Task.WhenAll(toCancel.Select(entry => entry.Job!.CancelBestEffortAsync())).ConfigureAwait(false);
        foreach (var entry in toCancel)
        {
            await ForgetCancelledJobAsync(entry).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Forgets a job cancelled at shutdown. A job whose cancel call failed stays saved: it may still complete and
    /// charge the quota, and the next run can pick it up.
    /// </summary>
    private async Task ForgetCancelledJobAsync(ScheduledExport entry)
    {
        var job = entry.Job!;
        if (job.State != BulkExportJobState.Cancelled)
        {
            if (entry.IsTracked)
            {
                Log.JobKept(_context.Logger, job.Kind, job.ExportId, entry.Key, job.State);
            }

            return;
        }

        Log.JobAbandoned(_context.Logger, job.Kind, job.ExportId, entry.Key);
        try
        {
            await DiscardJobAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Shutdown goes on for the other jobs; the failure is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.TrackerFailed(_context.Logger, job.Kind, job.ExportId, entry.Key, exception);
        }
    }
}
