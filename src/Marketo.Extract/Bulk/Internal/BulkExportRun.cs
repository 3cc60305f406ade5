using System.Runtime.ExceptionServices;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>
/// One enumeration of <see cref="BulkExportScheduler.RunAsync"/>: a background pump that creates, enqueues and polls
/// jobs ahead of the consumer, and the consumer side that hands out completed jobs in input order.
/// </summary>
/// <remarks>
/// The pump is the only task that creates, enqueues, polls or replaces jobs. The consumer only opens files, marks
/// items handed and reports missing files. Both meet in <see cref="_entries"/> under <see cref="_lock"/> and wake
/// each other through two <see cref="AsyncSignal"/>s.
/// </remarks>
internal sealed partial class BulkExportRun : IAsyncDisposable
{
    private readonly BulkExportContext _context;
    private readonly SerializedJobTracker _tracker;
    private readonly IEnumerable<BulkExportWorkItem> _workItems;
    private readonly CancellationTokenSource _stopping;
    private readonly object _lock = new();
    private readonly List<ScheduledExport> _entries = [];
    private readonly AsyncSignal _pumpWake = new();
    private readonly AsyncSignal _consumerWake = new();

    private Task? _pump;
    private int _handedCount;
    private bool _inputEnded;
    private ExceptionDispatchInfo? _runError;
    private MarketoQuotaExceededException? _quotaError;
    private CompletedBulkExport? _current;

    internal BulkExportRun(
        BulkExportContext context,
        IEnumerable<BulkExportWorkItem> workItems,
        IBulkExportJobTracker? tracker,
        CancellationToken cancellationToken)
    {
        _context = context;
        _workItems = workItems;
        _tracker = new SerializedJobTracker(tracker);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _maxInFlight = context.Options.MaxJobsInFlight;
    }

    private DateTimeOffset Now => _context.TimeProvider.GetUtcNow();

    /// <summary>
    /// Waits for the next work item in input order to complete, opens its file and hands it out; returns
    /// <see langword="null"/> after the last one. A missing file makes the pump replace the job once, and this waits
    /// for the replacement.
    /// </summary>
    internal async Task<CompletedBulkExport?> NextAsync(CancellationToken cancellationToken)
    {
        _pump ??= Task.Run(() => PumpAsync(_stopping.Token), CancellationToken.None);
        while (await WaitForHeadAsync(cancellationToken).ConfigureAwait(false) is { } head)
        {
            var completed = await TryOpenAsync(head, cancellationToken).ConfigureAwait(false);
            if (completed is not null)
            {
                return completed;
            }
        }

        return null;
    }

    /// <summary>Reports an item as finished to the tracker, called when the consumer requests the next item.</summary>
    internal async Task FinishAsync(CompletedBulkExport completed, CancellationToken cancellationToken)
    {
        await completed.CloseUnusedStreamAsync().ConfigureAwait(false);
        await _tracker.JobFinishedAsync(completed.Key, completed.ExportId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ScheduledExport?> WaitForHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_handedCount < _entries.Count)
                {
                    var head = _entries[_handedCount];
                    if (head.Phase == ScheduledExportPhase.Ready)
                    {
                        return head;
                    }

                    head.Error?.Throw();
                }
                else if (_inputEnded)
                {
                    return null;
                }

                // Completed items before the head are handed out first: the error stops only what is left.
                _runError?.Throw();
                if (_pump is { IsCompleted: true })
                {
                    throw new InvalidOperationException("The bulk export pump stopped before the run ended, without an error.");
                }
            }

            await _consumerWake.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CompletedBulkExport?> TryOpenAsync(ScheduledExport head, CancellationToken cancellationToken)
    {
        var job = head.Job!;
        Stream stream;
        try
        {
            stream = await job.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MarketoExportFileNotFoundException exception)
        {
            lock (_lock)
            {
                head.MissingFiles++;
                head.MissingFileError = exception;
                head.Phase = ScheduledExportPhase.FileMissing;
            }

            _pumpWake.Set();
            return null;
        }
        catch (MarketoQuotaExceededException exception)
        {
            // The same stop as in the pump, so shutdown keeps every saved job instead of trying to cancel them.
            StopForQuota(exception);
            throw;
        }

        var completed = new CompletedBulkExport(head.Key, job, stream);
        lock (_lock)
        {
            head.Phase = ScheduledExportPhase.Handed;
            _handedCount++;
            _current = completed;
        }

        _pumpWake.Set();
        return completed;
    }

    private void SetPhase(ScheduledExport entry, ScheduledExportPhase phase)
    {
        lock (_lock)
        {
            entry.Phase = phase;
        }

        if (phase is ScheduledExportPhase.Ready or ScheduledExportPhase.Faulted)
        {
            _consumerWake.Set();
        }
    }

    private void Fault(ScheduledExport entry, Exception error)
    {
        lock (_lock)
        {
            entry.Error = ExceptionDispatchInfo.Capture(error);
            _stopCreating = true;
        }

        SetPhase(entry, ScheduledExportPhase.Faulted);
    }
}
