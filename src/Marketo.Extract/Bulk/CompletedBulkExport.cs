using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk;

/// <summary>
/// A work item whose job completed on Marketo and whose file is open, as handed out by
/// <see cref="BulkExportScheduler.RunAsync"/> in input order.
/// </summary>
/// <remarks>
/// The scheduler opens the file's first connection before it hands out the item, so a file that has expired is
/// replaced by a new job before the caller sees it. Read the file before moving to the next item: moving on tells
/// <see cref="IBulkExportJobTracker.JobFinishedAsync"/> that the caller is done with it, and closes the connection if
/// the caller never opened the file.
/// </remarks>
public sealed class CompletedBulkExport
{
    private readonly object _lock = new();
    private Stream? _openedStream;

    internal CompletedBulkExport(string key, BulkExportJob job, Stream openedStream)
    {
        Key = key;
        Job = job;
        _openedStream = openedStream;
    }

    /// <summary>Gets the caller's key of the work item.</summary>
    public string Key { get; }

    /// <summary>Gets the completed job.</summary>
    public BulkExportJob Job { get; }

    /// <summary>Gets the export id of the completed job, which may differ from the saved id if the job was replaced.</summary>
    public string ExportId => Job.ExportId;

    /// <summary>Gets whether the file contains leads or activities.</summary>
    public BulkExportObject Kind => Job.Kind;

    /// <summary>Gets the completed job as Marketo reports it: record count, file size and checksum.</summary>
    public BulkExportJobInfo Info => Job.Info;

    /// <summary>
    /// Opens the file as a forward-only stream that resumes after dropped connections and checks the file's size and
    /// SHA-256 checksum; see <see cref="BulkExportJob.OpenReadAsync"/>. The first call returns the connection the
    /// scheduler already opened; a later call downloads the file again from its start.
    /// </summary>
    /// <param name="cancellationToken">A token that cancels opening a new connection.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    /// <exception cref="BulkExportIntegrityException">Thrown by the stream's last read when the file does not match.</exception>
    public Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default)
    {
        var opened = TakeOpenedStream();
        return opened is not null ? Task.FromResult(opened) : Job.OpenReadAsync(cancellationToken);
    }

    /// <summary>
    /// Reports how many records the caller has read from the file so far, for progress bars; see
    /// <see cref="BulkExportJob.ReportRecordsRead"/>.
    /// </summary>
    /// <param name="recordsRead">The number of records read so far.</param>
    public void ReportRecordsRead(long recordsRead) => Job.ReportRecordsRead(recordsRead);

    /// <inheritdoc />
    public override string ToString() => $"CompletedBulkExport {{ Key = {Key}, Kind = {Kind}, ExportId = {ExportId} }}";

    /// <summary>Closes the connection the scheduler opened if the caller never took it.</summary>
    internal async ValueTask CloseUnusedStreamAsync()
    {
        var unused = TakeOpenedStream();
        if (unused is not null)
        {
            await unused.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Stream? TakeOpenedStream()
    {
        lock (_lock)
        {
            var stream = _openedStream;
            _openedStream = null;
            return stream;
        }
    }
}
