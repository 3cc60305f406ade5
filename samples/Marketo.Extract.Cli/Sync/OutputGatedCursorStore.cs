using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Sync;

/// <summary>
/// A cursor store that keeps each stream's saved cursor from getting ahead of the stream's committed output file.
/// </summary>
/// <remarks>
/// <para>
/// The extractor saves a stream's cursor as soon as the consumer moves past a checkpoint, but the command renames a
/// stream's file into place only later. So this store splits each save in two. New export jobs
/// (<see cref="StreamState.PendingExports"/>) are written through at once, because a job id lost in a crash is an
/// export Marketo already counted against the daily quota. The cursor, the ids at it and the leads filter are held
/// back, and written with the stream's last saved value until <see cref="CommitAsync"/> reports that the output is in
/// place. The jobs that the held-back cursor covers stay saved until then too, because the extractor drops a job in
/// the save that moves the cursor past its window. An interrupted run thus leaves the job to the next run, which
/// downloads its file again (Marketo keeps it for 7 days) instead of paying for a new export.
/// </para>
/// <para>
/// A crash between the file rename and <see cref="CommitAsync"/> leaves the file ahead of the state: the next run
/// reads those records again and appends them a second time. Output is therefore at-least-once, never lossy.
/// </para>
/// </remarks>
internal sealed class OutputGatedCursorStore : ICursorStore, IDisposable
{
    private readonly ICursorStore _inner;
    private readonly bool _ignoreSavedCursors;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, StreamState> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StreamState> _heldBack = new(StringComparer.Ordinal);

    /// <param name="inner">The store that persists the state.</param>
    /// <param name="ignoreSavedCursors">
    /// Whether streams start from the start date instead of their saved cursor, for a full refresh. The saved cursors
    /// stay on disk until each stream's new output is committed.
    /// </param>
    public OutputGatedCursorStore(ICursorStore inner, bool ignoreSavedCursors)
    {
        _inner = inner;
        _ignoreSavedCursors = ignoreSavedCursors;
    }

    public async ValueTask<StreamState?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var state = await LoadWrittenNeedsLockAsync(streamId, cancellationToken);
            if (state is null || !_ignoreSavedCursors)
            {
                return state;
            }

            return state with { Cursor = null, CursorIds = [] };
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask SaveAsync(string streamId, StreamState state, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var written = await LoadWrittenNeedsLockAsync(streamId, cancellationToken) ?? new StreamState();
            _heldBack[streamId] = state;
            var gated = state with
            {
                Cursor = written.Cursor,
                CursorIds = written.CursorIds,
                LeadsFilter = written.LeadsFilter,
                PendingExports = [.. state.PendingExports, .. CoveredByHeldBackCursor(written, state)],
            };
            await _inner.SaveAsync(streamId, gated, cancellationToken);
            _written[streamId] = gated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the stream's held-back state, now that its output file is in place.</summary>
    public async Task CommitAsync(string streamId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_heldBack.Remove(streamId, out var state))
            {
                await _inner.SaveAsync(streamId, state, cancellationToken);
                _written[streamId] = state;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Returns the saved jobs that <paramref name="state"/> drops because its cursor covers their windows. Jobs dropped
    /// for another reason (cancelled, replaced, or no longer planned) are not returned, so they leave the file at once.
    /// </summary>
    private static IEnumerable<PendingExport> CoveredByHeldBackCursor(StreamState written, StreamState state)
    {
        if (state.Cursor is not { } cursor)
        {
            return [];
        }

        var kept = state.PendingExports.Select(export => export.ExportId).ToHashSet(StringComparer.Ordinal);
        return written.PendingExports.Where(export =>
            !kept.Contains(export.ExportId) && export.WindowEnd is { } end && end <= cursor);
    }

    private async ValueTask<StreamState?> LoadWrittenNeedsLockAsync(string streamId, CancellationToken cancellationToken)
    {
        if (_written.TryGetValue(streamId, out var state))
        {
            return state;
        }

        state = await _inner.LoadAsync(streamId, cancellationToken);
        if (state is not null)
        {
            _written[streamId] = state;
        }

        return state;
    }
}
