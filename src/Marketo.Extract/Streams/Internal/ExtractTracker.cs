using System.Collections.Concurrent;

namespace Marketo.Extract.Streams.Internal;

/// <summary>Counts what an extraction delivers and reports progress at a bounded rate.</summary>
internal sealed class ExtractTracker
{
    private const int RecordsBetweenReports = 1000;

    private readonly ConcurrentDictionary<string, long> _records = new(StringComparer.Ordinal);
    private readonly IProgress<ExtractProgress>? _progress;
    private long _total;
    private int _exportJobsCreated;
    private int _exportJobsResumed;

    public ExtractTracker(IProgress<ExtractProgress>? progress) => _progress = progress;

    public int ExportJobsCreated => Volatile.Read(ref _exportJobsCreated);

    public int ExportJobsResumed => Volatile.Read(ref _exportJobsResumed);

    public IReadOnlyDictionary<string, long> RecordsPerStream => new Dictionary<string, long>(_records, StringComparer.Ordinal);

    /// <summary>Registers a stream so that it shows in the summary even when it delivers nothing.</summary>
    public void StartStream(string streamId)
    {
        _records.TryAdd(streamId, 0);
        Report(streamId, "starting");
    }

    public ExtractedRecord Deliver(string streamId, object value)
    {
        var count = _records.AddOrUpdate(streamId, 1, static (_, current) => current + 1);
        var total = Interlocked.Increment(ref _total);
        if (_progress is not null && count % RecordsBetweenReports == 0)
        {
            _progress.Report(new ExtractProgress { StreamId = streamId, StreamRecords = count, TotalRecords = total });
        }

        return new ExtractedRecord(streamId, value);
    }

    public long Delivered(string streamId) => _records.GetValueOrDefault(streamId);

    public void CountExportJob(bool resumed)
    {
        if (resumed)
        {
            Interlocked.Increment(ref _exportJobsResumed);
        }
        else
        {
            Interlocked.Increment(ref _exportJobsCreated);
        }
    }

    public void Report(string streamId, string activity) =>
        _progress?.Report(new ExtractProgress
        {
            StreamId = streamId,
            StreamRecords = _records.GetValueOrDefault(streamId),
            TotalRecords = Interlocked.Read(ref _total),
            Activity = activity,
        });
}
