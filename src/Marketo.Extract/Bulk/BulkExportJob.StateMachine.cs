using Marketo.Extract.Bulk.Internal;
using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk;

/// <summary>The job's state, the named transitions between states, and the job timeout.</summary>
public sealed partial class BulkExportJob
{
    private readonly object _stateLock = new();
    private BulkExportJobState _state;
    private BulkExportJobInfo _info;
    private DateTimeOffset? _deadline;

    /// <summary>Gets the state of the job as of the last call to Marketo.</summary>
    public BulkExportJobState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// Gets the job as Marketo last reported it: timestamps, and once completed the record count, file size and
    /// checksum, or once failed Marketo's reason.
    /// </summary>
    public BulkExportJobInfo Info
    {
        get
        {
            lock (_stateLock)
            {
                return _info;
            }
        }
    }

    /// <summary>Returns whether a state is final: the job will not change any more.</summary>
    internal static bool IsFinal(BulkExportJobState state) =>
        state is BulkExportJobState.Completed or BulkExportJobState.Failed
            or BulkExportJobState.Cancelled or BulkExportJobState.TimedOut;

    /// <summary>Returns whether the job is queued or processing and its time limit has passed.</summary>
    internal bool IsPastDeadline() =>
        GetDeadline() is { } deadline && _context.TimeProvider.GetUtcNow() >= deadline;

    internal (BulkExportJobState State, BulkExportJobInfo Info) GetSnapshot()
    {
        lock (_stateLock)
        {
            return (_state, _info);
        }
    }

    /// <summary>Moves the job on to the status Marketo reported in a status read or a list of jobs.</summary>
    internal void OnStatusRead(BulkExportJobInfo info)
    {
        var next = ToState(info.Status);
        if (next is null)
        {
            Log.UnknownStatus(_context.Logger, Kind, ExportId, info.RawStatus);
        }

        Transition(next ?? State, info, enqueuedNow: false);
    }

    private void OnCreated(BulkExportJobInfo info) =>
        Transition(ToState(info.Status) ?? BulkExportJobState.Created, info, enqueuedNow: false);

    // Marketo accepted the enqueue, so a response that still shows Created is stale.
    private void OnEnqueued(BulkExportJobInfo info)
    {
        var next = ToState(info.Status);
        Transition(next is null or BulkExportJobState.Created ? BulkExportJobState.Queued : next.Value, info, enqueuedNow: true);
    }

    private void OnCancelled(BulkExportJobInfo info) =>
        Transition(BulkExportJobState.Cancelled, info, enqueuedNow: false);

    private void OnTimedOut() => Transition(BulkExportJobState.TimedOut, Info, enqueuedNow: false);

    // Marketo moves a job Created -> Queued -> Processing -> Completed or Failed, and to Cancelled from any open state;
    // this library adds Unknown and TimedOut. What each state means and what moves it on:
    //   Unknown:    rebuilt from an export id and not read yet, or Marketo sent a status text this library does
    //               not recognize. A later status read replaces it.
    //   Created:    exists on Marketo, costs no export quota yet; an enqueue moves it to Queued.
    //   Queued:     waits for one of Marketo's 2 processing slots; the job timeout counts from the enqueue.
    //   Processing: Marketo is writing the file.
    //   Completed:  final; the file can be downloaded for 7 days and was charged to the daily export quota.
    //   Failed:     final; Info.ErrorMessage holds Marketo's reason, and only a new job can try again.
    //   Cancelled:  final; cancelled on Marketo by this library or by anyone else.
    //   TimedOut:   final; the job timeout passed, so this library cancelled the job on Marketo.
    // A final state never changes: later reads only refresh Info. Every change of _state happens here.
    private void Transition(BulkExportJobState next, BulkExportJobInfo info, bool enqueuedNow)
    {
        BulkExportJobState previous;
        lock (_stateLock)
        {
            previous = _state;
            _info = info;
            if (IsFinal(previous))
            {
                return;
            }

            _state = next;
            if (_deadline is null && next != BulkExportJobState.Created)
            {
                _deadline = ComputeDeadline(info, enqueuedNow);
            }
        }

        if (next != previous)
        {
            LogTransition(previous, next, info);
            ReportProgress();
        }
    }

    // A job this process enqueued counts from now. A rebuilt one counts from the queuedAt that Marketo reports,
    // so a restart does not give it a fresh time limit.
    private DateTimeOffset ComputeDeadline(BulkExportJobInfo info, bool enqueuedNow)
    {
        var timeout = _context.Options.JobTimeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return DateTimeOffset.MaxValue;
        }

        var now = _context.TimeProvider.GetUtcNow();
        var queuedAt = enqueuedNow ? now : info.QueuedAt ?? now;
        return queuedAt + timeout;
    }

    private DateTimeOffset? GetDeadline()
    {
        lock (_stateLock)
        {
            return _deadline;
        }
    }

    private void LogTransition(BulkExportJobState previous, BulkExportJobState next, BulkExportJobInfo info)
    {
        var logger = _context.Logger;
        switch (next)
        {
            case BulkExportJobState.Completed:
                Log.JobCompleted(logger, Kind, ExportId, info.NumberOfRecords, info.FileSize);
                break;
            case BulkExportJobState.Failed:
                Log.JobFailed(logger, Kind, ExportId, info.ErrorMessage);
                break;
            case BulkExportJobState.TimedOut:
                Log.JobTimedOut(logger, Kind, ExportId, _context.Options.JobTimeout);
                break;
            default:
                Log.JobStateChanged(logger, Kind, ExportId, previous, next);
                break;
        }
    }

    private static BulkExportJobState? ToState(BulkExportStatus status) => status switch
    {
        BulkExportStatus.Created => BulkExportJobState.Created,
        BulkExportStatus.Queued => BulkExportJobState.Queued,
        BulkExportStatus.Processing => BulkExportJobState.Processing,
        BulkExportStatus.Completed => BulkExportJobState.Completed,
        BulkExportStatus.Failed => BulkExportJobState.Failed,
        BulkExportStatus.Cancelled => BulkExportJobState.Cancelled,
        _ => null,
    };
}
