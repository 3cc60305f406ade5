using Marketo.Extract.Streams.Internal;

namespace Marketo.Extract.Streams;

/// <summary>
/// A cursor store that keeps the state of every stream in one JSON file, rewritten atomically on each save.
/// </summary>
/// <remarks>
/// Each save writes a temporary file next to the target, flushes it to disk and renames it over the target,
/// so a crash leaves the old file or the new one, never half of one. On Unix the file is created readable
/// and writable by its owner only. A file that is not valid state is reported with its path and never
/// overwritten. The document shape is <c>{"version":1,"streams":{"&lt;stream id&gt;":{…}}}</c>, each stream
/// as described on <see cref="StreamState"/>.
/// </remarks>
public sealed class JsonFileCursorStore : ICursorStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, StreamState>? _states;

    /// <summary>Initializes a new instance of the <see cref="JsonFileCursorStore"/> class.</summary>
    /// <param name="path">The state file; it need not exist yet, but its folder must.</param>
    public JsonFileCursorStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
    }

    /// <summary>Gets the full path of the state file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public async ValueTask<StreamState?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var states = await ReadAllNeedsLockAsync(cancellationToken).ConfigureAwait(false);
            return states.TryGetValue(streamId, out var state) ? state : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string streamId, StreamState state, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(state);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var states = await ReadAllNeedsLockAsync(cancellationToken).ConfigureAwait(false);
            var updated = new Dictionary<string, StreamState>(states, StringComparer.Ordinal) { [streamId] = state };
            await WriteAllNeedsLockAsync(updated, cancellationToken).ConfigureAwait(false);
            _states = updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the state of every stream from the file.</summary>
    /// <param name="cancellationToken">A token that cancels the read.</param>
    /// <returns>The saved states keyed by stream id; empty when the file does not exist.</returns>
    public async Task<IReadOnlyDictionary<string, StreamState>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadAllNeedsLockAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<Dictionary<string, StreamState>> ReadAllNeedsLockAsync(CancellationToken cancellationToken)
    {
        if (_states is not null)
        {
            return _states;
        }

        if (!File.Exists(FilePath))
        {
            _states = new Dictionary<string, StreamState>(StringComparer.Ordinal);
            return _states;
        }

        var stream = File.OpenRead(FilePath);
        await using (stream.ConfigureAwait(false))
        {
            _states = await StateFileSerializer.ReadAsync(stream, FilePath, cancellationToken).ConfigureAwait(false);
        }

        return _states;
    }

    private async Task WriteAllNeedsLockAsync(Dictionary<string, StreamState> states, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(FilePath)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"The folder of the state file '{FilePath}' does not exist; create it or choose another state file.");
        }

        var temporaryPath = Path.Combine(directory, $".{Path.GetFileName(FilePath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporaryPath, OwnerOnlyCreateOptions());
            await using (stream.ConfigureAwait(false))
            {
                await StateFileSerializer.WriteAsync(stream, states, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, FilePath, overwrite: true);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    private static FileStreamOptions OwnerOnlyCreateOptions()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temporary file is hidden and named uniquely; a leftover one harms nothing.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
