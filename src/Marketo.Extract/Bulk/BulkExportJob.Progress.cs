namespace Marketo.Extract.Bulk;

/// <summary>Progress reports of the job: state changes, bytes downloaded and records the caller read.</summary>
public sealed partial class BulkExportJob
{
    // Reporting every read would flood a progress bar; one report per mebibyte is enough to move it smoothly.
    private const long BytesPerProgressReport = 1024 * 1024;

    private long _bytesDownloaded;
    private long _bytesDownloadedAtLastReport;
    private long? _recordsRead;

    /// <summary>
    /// Reports how many records the caller has read from the job's file so far, for progress bars; the job sends a
    /// <see cref="BulkExportProgress"/> to <see cref="BulkExportOptions.Progress"/>.
    /// </summary>
    /// <param name="recordsRead">The number of records read so far, not the number since the last call.</param>
    public void ReportRecordsRead(long recordsRead)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recordsRead);
        lock (_stateLock)
        {
            _recordsRead = recordsRead;
        }

        ReportProgress();
    }

    /// <summary>Counts downloaded bytes; called by the download stream after each read and once at the end.</summary>
    internal void OnBytesDownloaded(long totalBytes, bool endOfFile)
    {
        bool report;
        lock (_stateLock)
        {
            _bytesDownloaded = totalBytes;
            report = endOfFile || totalBytes - _bytesDownloadedAtLastReport >= BytesPerProgressReport;
            if (report)
            {
                _bytesDownloadedAtLastReport = totalBytes;
            }
        }

        if (report)
        {
            ReportProgress();
        }
    }

    private void ReportProgress()
    {
        var progress = _context.Options.Progress;
        if (progress is null)
        {
            return;
        }

        BulkExportProgress snapshot;
        lock (_stateLock)
        {
            snapshot = new BulkExportProgress
            {
                Key = Key,
                ExportId = ExportId,
                Kind = Kind,
                State = _state,
                QueuedAt = _info.QueuedAt,
                StartedAt = _info.StartedAt,
                BytesDownloaded = _bytesDownloaded,
                TotalBytes = _info.FileSize,
                RecordsRead = _recordsRead,
            };
        }

        progress.Report(snapshot);
    }
}
