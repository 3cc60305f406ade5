using System.Collections.Concurrent;

namespace Marketo.Extract.Streams;

/// <summary>A cursor store that keeps state in memory only, for tests, notebooks and one-off scripts.</summary>
public sealed class InMemoryCursorStore : ICursorStore
{
    private readonly ConcurrentDictionary<string, StreamState> _states = new(StringComparer.Ordinal);

    /// <summary>Gets a snapshot of every saved state, keyed by stream id.</summary>
    public IReadOnlyDictionary<string, StreamState> States => new Dictionary<string, StreamState>(_states, StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<StreamState?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_states.TryGetValue(streamId, out var state) ? state : null);
    }

    /// <inheritdoc />
    public ValueTask SaveAsync(string streamId, StreamState state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        _states[streamId] = state;
        return ValueTask.CompletedTask;
    }
}
