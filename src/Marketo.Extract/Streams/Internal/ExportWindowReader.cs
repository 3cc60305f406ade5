using System.Globalization;
using System.Runtime.CompilerServices;
using Marketo.Extract.Bulk;
using Marketo.Extract.Models;
using Marketo.Extract.Records;

namespace Marketo.Extract.Streams.Internal;

/// <summary>
/// Reads planned export windows in order for the streams they feed. It runs the jobs through the scheduler and
/// decodes each file. It skips the records that the previous window already delivered at their shared boundary,
/// and yields a checkpoint for every stream of a window once its file is read.
/// </summary>
/// <remarks>
/// A record goes to the stream named by its schema, so one activity export feeds the stream of each of its
/// activity types. A reader runs once.
/// </remarks>
internal sealed class ExportWindowReader
{
    private readonly ExtractContext _context;
    private readonly BulkExportObject _kind;
    private readonly IReadOnlyDictionary<string, WindowCursor> _cursors;
    private readonly StateJobTracker _tracker;
    private readonly Dictionary<string, (PlannedExport Export, IReadOnlyList<string> StreamIds)> _windows =
        new(StringComparer.Ordinal);

    private readonly List<BulkExportWorkItem> _workItems = [];

    /// <param name="context">The extraction the streams belong to.</param>
    /// <param name="kind">What the exports contain.</param>
    /// <param name="cursors">The cursor of each stream the exports feed, keyed by stream id.</param>
    public ExportWindowReader(
        ExtractContext context,
        BulkExportObject kind,
        IReadOnlyDictionary<string, WindowCursor> cursors)
    {
        _context = context;
        _kind = kind;
        _cursors = cursors;
        _tracker = new StateJobTracker(context, kind);
    }

    /// <summary>Gets the call that decodes one export file with the reader's decoder.</summary>
    public required Func<ExportCsvDecoder, Stream, CancellationToken, IAsyncEnumerable<MarketoRecord>> Decode { get; init; }

    /// <summary>Gets the ordinal of the record id, which distinguishes records at a window boundary.</summary>
    public required int IdOrdinal { get; init; }

    /// <summary>Gets the ordinal of the timestamp the windows filter on.</summary>
    public required int TimeOrdinal { get; init; }

    /// <summary>Gets the leads filter mode that the checkpoints store, or <see langword="null"/> for activities.</summary>
    public LeadsFilterMode? LeadsFilter { get; init; }

    /// <summary>
    /// Gets whether Marketo rejecting the export filter ends the read without an exception, provided no stream of
    /// the reader has delivered a record yet, so that the caller can read the same history with another filter.
    /// </summary>
    public bool EndOnRejectedFilter { get; init; }

    /// <summary>Gets whether the read ended because Marketo rejected the export filter.</summary>
    public bool FilterRejected { get; private set; }

    /// <summary>Adds a window to read, in the order the windows are read.</summary>
    /// <param name="export">The planned window.</param>
    /// <param name="workItem">The job that exports the window.</param>
    /// <param name="streamIds">The streams the window's file feeds.</param>
    /// <param name="activityTypeIds">The activity types the job exports; empty for leads.</param>
    public void Add(
        PlannedExport export,
        BulkExportWorkItem workItem,
        IReadOnlyList<string> streamIds,
        IReadOnlyList<int> activityTypeIds)
    {
        _tracker.Add(export, streamIds, activityTypeIds);
        _windows[export.Key] = (export, streamIds);
        _workItems.Add(workItem);
    }

    /// <summary>Reads every added window, yielding its records and then its streams' checkpoints.</summary>
    public async IAsyncEnumerable<StreamItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoder = new ExportCsvDecoder(_context.Logger);
        var scheduler = new BulkExportScheduler(
            _context.Client, _context.Options.Bulk, _context.TimeProvider, _context.Logger);
        var exports = scheduler.RunAsync(_workItems, _tracker, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (exports.ConfigureAwait(false))
        {
            while (await MoveNextAsync(exports).ConfigureAwait(false))
            {
                var completed = exports.Current;
                var (export, streamIds) = _windows[completed.Key];
                var window = export.Window;
                if (completed.ExportId == export.SavedExportId)
                {
                    // Counted here, not when planned, because the scheduler replaces a saved job that Marketo no longer
                    // has, that failed or whose file expired, and the tracker counts the replacement as created.
                    _context.Tracker.CountExportJob(resumed: true);
                }

                var noun = _kind == BulkExportObject.Leads ? "lead" : "activity";
                _context.Tracker.Report(streamIds[0], $"reading {noun} export {completed.ExportId}");
                foreach (var streamId in streamIds)
                {
                    _cursors[streamId].BeginWindow(window.End);
                }

                await foreach (var item in ReadFileAsync(decoder, completed, cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }

                foreach (var streamId in streamIds)
                {
                    var cursor = _cursors[streamId];
                    cursor.FinishWindow();
                    Log.WindowFinished(_context.Logger, streamId, window.Start, window.End);
                    yield return StreamItem.CheckpointOf(streamId, cursor.ToCheckpoint(LeadsFilter));
                }
            }
        }
    }

    private async IAsyncEnumerable<StreamItem> ReadFileAsync(
        ExportCsvDecoder decoder,
        CompletedBulkExport completed,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = await completed.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (file.ConfigureAwait(false))
        {
            long read = 0;
            await foreach (var record in Decode(decoder, file, cancellationToken).ConfigureAwait(false))
            {
                completed.ReportRecordsRead(++read);
                var streamId = record.Schema.Name;
                if (!_cursors.TryGetValue(streamId, out var cursor))
                {
                    continue;
                }

                var id = Convert.ToString(record[IdOrdinal], CultureInfo.InvariantCulture) ?? string.Empty;
                var time = record[TimeOrdinal] as DateTimeOffset?;
                if (cursor.IsDuplicate(time, id))
                {
                    continue;
                }

                yield return StreamItem.Of(_context.Tracker.Deliver(streamId, record));
                cursor.Observe(time, id);
            }
        }
    }

    private async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<CompletedBulkExport> exports)
    {
        try
        {
            return await exports.MoveNextAsync().ConfigureAwait(false);
        }
        catch (MarketoUnsupportedFilterException) when (EndOnRejectedFilter && NothingDelivered())
        {
            FilterRejected = true;
            return false;
        }
    }

    private bool NothingDelivered() => _cursors.Keys.All(streamId => _context.Tracker.Delivered(streamId) == 0);
}
