namespace Marketo.Extract.Streams;

/// <summary>
/// Persists each stream's <see cref="StreamState"/> wherever the host application keeps state: a file, a
/// database row, a blob.
/// </summary>
/// <remarks>
/// Implementations must make <see cref="SaveAsync"/> durable and atomic per stream: after it returns, a crash
/// must leave either the old or the new state, never a mix. Calls for one extraction come one at a time.
/// </remarks>
public interface ICursorStore
{
    /// <summary>Loads the saved state of a stream.</summary>
    /// <param name="streamId">The stream id, for example <c>leads</c> or <c>activities_fill_out_form</c>.</param>
    /// <param name="cancellationToken">A token that cancels the load.</param>
    /// <returns>The saved state, or <see langword="null"/> when the stream has none.</returns>
    ValueTask<StreamState?> LoadAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Saves the state of a stream, replacing what was saved before.</summary>
    /// <param name="streamId">The stream id.</param>
    /// <param name="state">The state to save.</param>
    /// <param name="cancellationToken">A token that cancels the save.</param>
    /// <returns>A task that completes once the state is durable.</returns>
    ValueTask SaveAsync(string streamId, StreamState state, CancellationToken cancellationToken = default);
}
