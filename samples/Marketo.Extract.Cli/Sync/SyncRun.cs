using Marketo.Extract.Cli.Output;
using Marketo.Extract.Cli.Terminal;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Sync;

/// <summary>The files of one sync and the loop that fills and commits them; see <see cref="SyncCommand"/>.</summary>
internal sealed class SyncRun : IAsyncDisposable
{
    private const int BatchSize = 1000;

    private readonly SyncArguments _arguments;
    private readonly IReadOnlyList<StreamDescriptor> _streams;
    private readonly OutputGatedCursorStore _store;
    private readonly SyncProgress _progress;
    private readonly Dictionary<string, StreamFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _committed = new(StringComparer.Ordinal);

    public SyncRun(
        OutputFolder folder,
        SyncArguments arguments,
        IReadOnlyList<StreamDescriptor> streams,
        OutputGatedCursorStore store,
        SyncProgress progress)
    {
        _arguments = arguments;
        _streams = streams;
        _store = store;
        _progress = progress;
        foreach (var stream in streams)
        {
            var path = StreamFileName.PathOf(folder.FullPath, stream.Id, arguments.Format);
            var replace = arguments.FullRefresh || !stream.IsIncremental;
            var csv = arguments.Format == OutputFormat.Csv
                ? new CsvRecordFormatter([.. stream.Fields.Select(field => field.Name)])
                : null;
            _files[stream.Id] = new StreamFile(stream.Id, path, replace, csv);
        }
    }

    /// <summary>Gets the file of each committed stream, by stream id.</summary>
    public IReadOnlyDictionary<string, string> CommittedFiles => _committed;

    public async Task ExecuteAsync(MarketoExtractor extractor, CancellationToken cancellationToken)
    {
        string? openFixedStream = null;
        var ids = _streams.Select(stream => stream.Id).ToList();
        await foreach (var batch in extractor.ReadBatchesAsync(ids, BatchSize, _progress, cancellationToken))
        {
            // The fixed streams come one after another, so a new stream id means the previous one has ended and its
            // last checkpoint was saved (held back) when this batch was requested.
            if (openFixedStream is not null && openFixedStream != batch.StreamId)
            {
                await CommitAsync(openFixedStream, cancellationToken);
                openFixedStream = null;
            }

            if (!_files.TryGetValue(batch.StreamId, out var file))
            {
                throw new InvalidOperationException($"The extractor delivered stream '{batch.StreamId}', which was not selected.");
            }

            await file.WriteAsync(batch.Records, cancellationToken);
            if (!batch.StreamId.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal))
            {
                openFixedStream = batch.StreamId;
            }
        }

        foreach (var stream in _streams)
        {
            if (!_files[stream.Id].IsCommitted)
            {
                await CommitAsync(stream.Id, cancellationToken);
            }
        }
    }

    /// <summary>Deletes the temporary files of streams not committed, leaving their files as they were.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files.Values)
        {
            await file.DisposeAsync();
        }
    }

    private async Task CommitAsync(string streamId, CancellationToken cancellationToken)
    {
        var file = _files[streamId];
        await file.CommitAsync(cancellationToken);

        // The file is in place: the cursor must follow even if Ctrl+C arrives now, or the next run appends it twice.
        await _store.CommitAsync(streamId, CancellationToken.None);
        _committed[streamId] = Path.GetFileName(file.FilePath);
        _progress.WriteLine($"{streamId}: {file.RecordsWritten:N0} new records -> {Path.GetFileName(file.FilePath)}");
    }
}
