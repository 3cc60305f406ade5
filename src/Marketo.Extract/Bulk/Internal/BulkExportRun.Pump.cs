using System.Runtime.ExceptionServices;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>The pump: creates and enqueues jobs ahead of the consumer, retries full-queue enqueues, replaces jobs.</summary>
internal sealed partial class BulkExportRun
{
    private IEnumerator<BulkExportWorkItem>? _input;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private int _maxInFlight;
    private bool _stopCreating;
    private DateTimeOffset _nextPollAt;
    private DateTimeOffset? _statusBoundary;

    /// <summary>Gets the number of work items with a job that the consumer has not received yet.</summary>
    private int InFlight => _entries.Count - _handedCount;

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        _nextPollAt = NextPollAt(Now, Now);
        try
        {
            while (!IsEveryItemHanded())
            {
                await ReplaceJobsWithMissingFilesAsync(cancellationToken).ConfigureAwait(false);
                await RetryDueEnqueuesAsync(cancellationToken).ConfigureAwait(false);
                await StartNewItemsAsync(cancellationToken).ConfigureAwait(false);
                if (Now >= _nextPollAt)
                {
                    var (due, started) = (_nextPollAt, Now);
                    await PollAsync(cancellationToken).ConfigureAwait(false);
                    _nextPollAt = NextPollAt(due, started);
                }

                await SleepAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is being disposed, or the consumer cancelled; DisposeAsync cleans up.
        }
        catch (MarketoQuotaExceededException exception)
        {
            StopForQuota(exception);
        }
#pragma warning disable CA1031 // Not swallowed: the consumer receives it from its next MoveNextAsync.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            lock (_lock)
            {
                _runError = ExceptionDispatchInfo.Capture(exception);
            }
        }
        finally
        {
            _consumerWake.Set();
        }
    }

    private bool IsEveryItemHanded()
    {
        lock (_lock)
        {
            return _inputEnded && _handedCount == _entries.Count;
        }
    }

    /// <summary>Pulls work items from the input while fewer than the in-flight target have jobs.</summary>
    private async Task StartNewItemsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_inputEnded || _stopCreating || InFlight >= _maxInFlight)
                {
                    return;
                }
            }

            var workItem = TakeNextWorkItem();
            if (workItem is null)
            {
                _consumerWake.Set();
                return;
            }

            var entry = new ScheduledExport(workItem);
            lock (_lock)
            {
                _entries.Add(entry);
            }

            await StartAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private BulkExportWorkItem? TakeNextWorkItem()
    {
        _input ??= _workItems.GetEnumerator();
        if (!_input.MoveNext())
        {
            lock (_lock)
            {
                _inputEnded = true;
            }

            return null;
        }

        var workItem = _input.Current
            ?? throw new ArgumentException("The work items contain null.", nameof(BulkExportScheduler.RunAsync));
        if (!_keys.Add(workItem.Key))
        {
            throw BulkExportErrors.DuplicateKey(workItem.Key, nameof(BulkExportScheduler.RunAsync));
        }

        return workItem;
    }

    private Task StartAsync(ScheduledExport entry, CancellationToken cancellationToken) =>
        entry.WorkItem.SavedExportId is { } savedExportId
            ? ResumeAsync(entry, savedExportId, cancellationToken)
            : CreateJobAsync(entry, cancellationToken);

    /// <summary>
    /// Creates a job for the work item, has the tracker save its id, then enqueues it. Saving first means a crash
    /// in between leaves at most an unsaved job in Created, which costs no export quota.
    /// </summary>
    private async Task CreateJobAsync(ScheduledExport entry, CancellationToken cancellationToken)
    {
        // NOTE: a create call cancelled after Marketo received it leaves a job in Created whose id is lost. It costs
        // no export quota and takes no queue place, so the only trace is an entry in Marketo's job list.
        var job = await BulkExportJob.CreateAsync(_context, entry.WorkItem, entry.Key, cancellationToken)
            .ConfigureAwait(false);
        lock (_lock)
        {
            entry.Job = job;
            entry.IsTracked = false;
        }

        await _tracker.JobCreatedAsync(entry.Key, job.ExportId, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            entry.IsTracked = true;
        }

        await EnqueueAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Picks up the job an earlier run saved, or creates a new one if Marketo no longer finds it.</summary>
    private async Task ResumeAsync(ScheduledExport entry, string savedExportId, CancellationToken cancellationToken)
    {
        var kind = entry.WorkItem.Kind;
        var job = BulkExportJob.Rebuild(_context, kind, savedExportId, entry.Key);
        lock (_lock)
        {
            entry.Job = job;
            entry.IsTracked = true;
        }

        try
        {
            await job.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BulkExportJobNotFoundException)
        {
            Log.SavedJobNotFound(_context.Logger, kind, savedExportId, entry.Key);
            await DiscardJobAsync(entry, cancellationToken).ConfigureAwait(false);
            await CreateJobAsync(entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        Log.SavedJobResumed(_context.Logger, kind, savedExportId, entry.Key, job.State);
        if (job.State == BulkExportJobState.Cancelled)
        {
            // Typically cancelled by a run that stopped before it could forget the id; not a failure of Marketo.
            Log.SavedJobCancelled(_context.Logger, kind, savedExportId, entry.Key);
            await DiscardJobAsync(entry, cancellationToken).ConfigureAwait(false);
            await CreateJobAsync(entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        await HandleStatusAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Enqueues the entry's job. While Marketo's queue is full the job waits in Created, the retry is scheduled and
    /// the in-flight target drops to the jobs already at Marketo, so the run creates no more jobs until a slot frees.
    /// Each accepted enqueue raises the target by one again, up to <see cref="BulkExportOptions.MaxJobsInFlight"/>.
    /// </summary>
    private async Task<bool> EnqueueAsync(ScheduledExport entry, CancellationToken cancellationToken)
    {
        if (await entry.Job!.TryEnqueueAsync(cancellationToken).ConfigureAwait(false))
        {
            lock (_lock)
            {
                _maxInFlight = Math.Min(_context.Options.MaxJobsInFlight, _maxInFlight + 1);
            }

            await HandleStatusAsync(entry, cancellationToken).ConfigureAwait(false);
            return true;
        }

        // NOTE: the job timeout counts from the enqueue, so a job that waits for a queue place has no time limit.
        // The run waits until a place frees up or the caller cancels.
        lock (_lock)
        {
            entry.Phase = ScheduledExportPhase.AwaitingEnqueue;
            entry.NextEnqueueAt = Now + _context.Options.QueueFullRetryDelay;
            _maxInFlight = Math.Max(1, InFlight - 1);
        }

        return false;
    }

    private async Task RetryDueEnqueuesAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in GetEntries(ScheduledExportPhase.AwaitingEnqueue))
        {
            if (entry.NextEnqueueAt > Now)
            {
                continue;
            }

            // The queue is still full when one retry fails; the others would fail the same way.
            if (!await EnqueueAsync(entry, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Replaces a Completed job whose file returned HTTP 404, once per work item. The second 404 fails it.</summary>
    private async Task ReplaceJobsWithMissingFilesAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in GetEntries(ScheduledExportPhase.FileMissing))
        {
            var job = entry.Job!;
            await DiscardJobAsync(entry, cancellationToken).ConfigureAwait(false);
            if (entry.MissingFiles > 1)
            {
                var firstExportId = entry.ReplacedExportId ?? job.ExportId;
                Fault(entry, BulkExportErrors.FileMissingAgain(
                    entry.Key, job.Kind, firstExportId, job.ExportId, entry.MissingFileError!));
                continue;
            }

            Log.RecreatingAfterFileNotFound(_context.Logger, job.Kind, job.ExportId, entry.Key);
            await ReplaceJobAsync(entry, job, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReplaceJobAsync(ScheduledExport entry, BulkExportJob replaced, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            entry.ReplacedExportId = replaced.ExportId;
            entry.Phase = ScheduledExportPhase.Starting;
        }

        await CreateJobAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the tracker to forget the entry's job, which will never be read.</summary>
    private async Task DiscardJobAsync(ScheduledExport entry, CancellationToken cancellationToken)
    {
        bool wasTracked;
        lock (_lock)
        {
            wasTracked = entry.IsTracked;
            entry.IsTracked = false;
        }

        if (wasTracked)
        {
            await _tracker.JobDiscardedAsync(entry.Key, entry.Job!.ExportId, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<ScheduledExport> GetEntries(ScheduledExportPhase phase)
    {
        lock (_lock)
        {
            return _entries.Where(entry => entry.Phase == phase).ToList();
        }
    }

    /// <summary>
    /// Sleeps until the next poll or enqueue retry is due, or until the consumer wakes the pump because it took an
    /// item or found a missing file. With nothing due, only the consumer can wake it.
    /// </summary>
    private async Task SleepAsync(CancellationToken cancellationToken)
    {
        var delay = GetSleepTime();
        if (delay == TimeSpan.Zero)
        {
            return;
        }

        using var wakeOrTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wake = _pumpWake.WaitAsync(wakeOrTimer.Token);
        var timer = delay is { } due
            ? Task.Delay(due, _context.TimeProvider, wakeOrTimer.Token)
            : Task.Delay(Timeout.InfiniteTimeSpan, wakeOrTimer.Token);
        await Task.WhenAny(wake, timer).ConfigureAwait(false);
        await wakeOrTimer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private TimeSpan? GetSleepTime()
    {
        DateTimeOffset? wakeAt = null;
        lock (_lock)
        {
            foreach (var entry in _entries)
            {
                var dueAt = entry.Phase switch
                {
                    ScheduledExportPhase.Running => _nextPollAt,
                    ScheduledExportPhase.AwaitingEnqueue => entry.NextEnqueueAt,
                    ScheduledExportPhase.FileMissing => Now,
                    _ => (DateTimeOffset?)null,
                };
                wakeAt = dueAt is not null && (wakeAt is null || dueAt < wakeAt) ? dueAt : wakeAt;
            }
        }

        if (wakeAt is null)
        {
            return null;
        }

        var delay = wakeAt.Value - Now;
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }
}
