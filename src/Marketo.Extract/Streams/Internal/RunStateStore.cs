namespace Marketo.Extract.Streams.Internal;

/// <summary>
/// The cursor store as one extraction sees it: the last saved state of each stream, updated in two ways that must
/// not overwrite each other, checkpoints from the consumer's side and export-job bookkeeping from the scheduler's
/// background task.
/// </summary>
internal sealed class RunStateStore : IDisposable
{
    private readonly ICursorStore _store;
    private readonly Dictionary<string, StreamState> _states = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RunStateStore(ICursorStore store) => _store = store;

    public async ValueTask<StreamState> LoadAsync(string streamId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await LoadNeedsLockAsync(streamId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies a change to a stream's saved state and saves the result.</summary>
    public async ValueTask<StreamState> UpdateAsync(
        string streamId,
        Func<StreamState, StreamState> change,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await LoadNeedsLockAsync(streamId, cancellationToken).ConfigureAwait(false);
            var updated = change(current);
            await _store.SaveAsync(streamId, updated, cancellationToken).ConfigureAwait(false);
            _states[streamId] = updated;
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Shows what a checkpoint would save, without saving it.</summary>
    public async ValueTask<StreamState> PreviewAsync(string streamId, StreamCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var current = await LoadAsync(streamId, cancellationToken).ConfigureAwait(false);
        return checkpoint.ApplyTo(current);
    }

    public void Dispose() => _gate.Dispose();

    private async ValueTask<StreamState> LoadNeedsLockAsync(string streamId, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue(streamId, out var state))
        {
            state = await _store.LoadAsync(streamId, cancellationToken).ConfigureAwait(false) ?? new StreamState();
            _states[streamId] = state;
        }

        return state;
    }
}

/// <summary>
/// The part of a stream's state that a checkpoint moves: the cursor, the ids at it, the leads filter, and the export
/// jobs whose windows the cursor now covers.
/// </summary>
/// <remarks>
/// A job leaves the state in the same save that moves the cursor past its window, never before. A store that keeps
/// a cursor from taking effect, as a host that commits output later may, therefore keeps the job too, and the next
/// run downloads the job's file again instead of exporting the window again.
/// </remarks>
internal sealed record StreamCheckpoint(DateTimeOffset? Cursor, IReadOnlyList<string> CursorIds, LeadsFilterMode? LeadsFilter = null)
{
    public StreamState ApplyTo(StreamState state) => state with
    {
        Cursor = Cursor,
        CursorIds = CursorIds,
        LeadsFilter = LeadsFilter ?? state.LeadsFilter,
        PendingExports = [.. state.PendingExports.Where(export => !IsCovered(export))],
    };

    private bool IsCovered(PendingExport export) => Cursor is { } cursor && export.WindowEnd is { } end && end <= cursor;
}
