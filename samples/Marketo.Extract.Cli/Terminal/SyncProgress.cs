using System.Globalization;
using Marketo.Extract.Bulk;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Terminal;

/// <summary>
/// Shows a sync's progress: which stream is read, how many export jobs wait in Marketo's queue or are processing,
/// and how many rows were read. On a terminal it redraws one status line. When output is redirected it writes
/// plain lines for a log instead: one when a stream starts, one per export job state change, and (through
/// <see cref="WriteLine"/>) one when a stream is written, but none for record counts.
/// </summary>
internal sealed class SyncProgress : IProgress<ExtractProgress>, IProgress<BulkExportProgress>
{
    private static readonly TimeSpan StatusLineInterval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BulkExportJobState> _jobs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _startedStreams = new(StringComparer.Ordinal);
    private string _stream = "starting";
    private long _streamRecords;
    private long _totalRecords;
    private long _lastDrawn;
    private int _statusLength;

    public SyncProgress(TextWriter output, bool interactive)
    {
        _output = output;
        _interactive = interactive;
    }

    /// <summary>Gets the number of export jobs last reported as Cancelled on Marketo.</summary>
    public int CancelledJobs
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Values.Count(state => state == BulkExportJobState.Cancelled);
            }
        }
    }

    public void Report(ExtractProgress value)
    {
        lock (_gate)
        {
            var streamChanged = value.StreamId != _stream;
            _stream = value.StreamId;
            _streamRecords = value.StreamRecords;
            _totalRecords = value.TotalRecords;
            if (_interactive)
            {
                DrawStatus(force: streamChanged);
            }
            else if (_startedStreams.Add(value.StreamId))
            {
                _output.WriteLine($"{value.StreamId}: started");
            }
        }
    }

    public void Report(BulkExportProgress value)
    {
        lock (_gate)
        {
            if (_jobs.TryGetValue(value.ExportId, out var previous) && previous == value.State)
            {
                DrawStatus(force: false);
                return;
            }

            _jobs[value.ExportId] = value.State;
            if (!_interactive)
            {
                var kind = value.Kind.ToString().ToLowerInvariant();
                _output.WriteLine($"{kind} export {value.ExportId}: {value.State.ToString().ToLowerInvariant()} ({JobCounts()})");
            }
            else
            {
                DrawStatus(force: true);
            }
        }
    }

    /// <summary>Writes a line that stays, such as a finished stream, above the status line.</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            ClearStatus();
            _output.WriteLine(line);
            if (_interactive)
            {
                DrawStatus(force: true);
            }
        }
    }

    /// <summary>Removes the status line before the summary is written.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            ClearStatus();
        }
    }

    private string JobCounts()
    {
        int queued = 0, processing = 0, completed = 0;
        foreach (var state in _jobs.Values)
        {
            switch (state)
            {
                case BulkExportJobState.Created or BulkExportJobState.Queued: queued++; break;
                case BulkExportJobState.Processing: processing++; break;
                case BulkExportJobState.Completed: completed++; break;
            }
        }

        return $"jobs: {queued} queued, {processing} processing, {completed} completed";
    }

    private bool IsDue(TimeSpan interval)
    {
        var now = Environment.TickCount64;
        if (now - _lastDrawn < (long)interval.TotalMilliseconds)
        {
            return false;
        }

        _lastDrawn = now;
        return true;
    }

    private void DrawStatus(bool force)
    {
        if (!_interactive || (!force && !IsDue(StatusLineInterval)))
        {
            return;
        }

        _lastDrawn = Environment.TickCount64;
        var status = string.Create(
            CultureInfo.InvariantCulture,
            $"{_stream}: {_streamRecords:N0} records ({_totalRecords:N0} in all streams) | {JobCounts()}");
        var width = Math.Max(20, ConsoleWidth() - 1);
        if (status.Length > width)
        {
            status = status[..width];
        }

        _output.Write("\r" + status.PadRight(_statusLength));
        _statusLength = status.Length;
        _output.Flush();
    }

    private void ClearStatus()
    {
        if (_interactive && _statusLength > 0)
        {
            _output.Write("\r" + new string(' ', _statusLength) + "\r");
            _statusLength = 0;
        }
    }

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
