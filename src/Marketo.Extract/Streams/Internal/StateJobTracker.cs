using Marketo.Extract.Bulk;
using Marketo.Extract.Models;

namespace Marketo.Extract.Streams.Internal;

/// <summary>
/// Saves the export jobs in flight into the state of every stream a job covers, so a restarted process resumes them,
/// and counts every job created, including the ones that replace a saved job.
/// </summary>
internal sealed class StateJobTracker : IBulkExportJobTracker
{
    private readonly ExtractContext _context;
    private readonly Dictionary<string, (PlannedExport Export, IReadOnlyList<string> StreamIds, IReadOnlyList<int> TypeIds)> _work =
        new(StringComparer.Ordinal);

    private readonly BulkExportObject _kind;

    public StateJobTracker(ExtractContext context, BulkExportObject kind)
    {
        _context = context;
        _kind = kind;
    }

    public void Add(PlannedExport export, IReadOnlyList<string> streamIds, IReadOnlyList<int> typeIds) =>
        _work[export.Key] = (export, streamIds, typeIds);

    public async Task JobCreatedAsync(string key, string exportId, CancellationToken cancellationToken)
    {
        var (export, streamIds, typeIds) = _work[key];
        var pending = new PendingExport
        {
            Key = key,
            ExportId = exportId,
            Kind = _kind,
            WindowStart = export.Window.Start,
            WindowEnd = export.Window.End,
            ActivityTypeIds = typeIds,
        };
        _context.Tracker.CountExportJob(resumed: false);
        foreach (var streamId in streamIds)
        {
            await _context.States.UpdateAsync(
                streamId,
                state => state with { PendingExports = [.. state.PendingExports.Where(p => p.Key != key), pending] },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Leaves the job saved: the checkpoint that moves each stream's cursor past the job's window removes it, in the
    /// same save, so a job whose records were not yet committed stays resumable.
    /// </summary>
    public Task JobFinishedAsync(string key, string exportId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task JobDiscardedAsync(string key, string exportId, CancellationToken cancellationToken) =>
        ForgetAsync(key, exportId, cancellationToken);

    private async Task ForgetAsync(string key, string exportId, CancellationToken cancellationToken)
    {
        foreach (var streamId in _work[key].StreamIds)
        {
            await _context.States.UpdateAsync(
                streamId,
                state => state with { PendingExports = [.. state.PendingExports.Where(p => p.ExportId != exportId)] },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
