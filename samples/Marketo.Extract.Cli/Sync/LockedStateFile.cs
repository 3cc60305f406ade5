using Marketo.Extract.Cli.Output;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Sync;

/// <summary>
/// The state file of a sync, held for the whole run: locked against another run, its folder checked for writing and
/// its content read and checked, all before the first call to Marketo.
/// </summary>
/// <remarks>
/// The lock is a hidden <c>.&lt;name&gt;.lock</c> file next to the state file. The output folder's lock alone does
/// not protect the state, because two runs with different <c>--out</c> folders can share one <c>--state</c>, and each
/// would save its streams over the other's.
/// </remarks>
internal sealed class LockedStateFile : IDisposable
{
    private readonly FileStream _lock;

    private LockedStateFile(JsonFileCursorStore store, FileStream lockStream, IReadOnlyDictionary<string, StreamState> saved)
    {
        Store = store;
        _lock = lockStream;
        SavedStates = saved;
    }

    public JsonFileCursorStore Store { get; }

    /// <summary>Gets the states the file contained when the run started, by stream id.</summary>
    public IReadOnlyDictionary<string, StreamState> SavedStates { get; }

    public static async Task<LockedStateFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        // Symbolic links are followed first, so that two runs reaching one file by different paths share one lock,
        // and the atomic replace writes the file itself rather than replacing the link.
        var fullPath = ResolveLinks(Path.GetFullPath(path));

        // A file that is not a state file is rejected before a lock file is created beside it. The load under the
        // lock below reads the file again, because another run may have saved it in between.
        using (var check = new JsonFileCursorStore(fullPath))
        {
            if (!Directory.Exists(fullPath))
            {
                await LoadAsync(check, cancellationToken);
            }
        }

        var lockStream = Lock(fullPath);
        var store = new JsonFileCursorStore(fullPath);
        try
        {
            var saved = await LoadAsync(store, cancellationToken);
            return new LockedStateFile(store, lockStream, saved);
        }
        catch
        {
            store.Dispose();
            await lockStream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns the path with every symbolic link in it, the folders' included, replaced by its final target.</summary>
    private static string ResolveLinks(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var resolved = root;
        foreach (var part in fullPath[root.Length..].Split(
            Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = Path.Combine(resolved, part);
            var entry = new FileInfo(resolved);
            if (entry.LinkTarget is null)
            {
                continue;
            }

            try
            {
                resolved = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? resolved;
            }
            catch (IOException exception)
            {
                // A link that leads back to itself, directly or through others, never reaches a file.
                throw CliException.Usage(
                    $"The state file path '{fullPath}' goes through the symbolic link '{resolved}', which cannot be "
                    + $"followed to a file ({exception.Message.TrimEnd('.')}); fix the link or choose another --state.");
            }
        }

        return resolved;
    }

    public void Dispose()
    {
        Store.Dispose();
        _lock.Dispose();
    }

    private static FileStream Lock(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
        {
            throw CliException.Usage(
                $"The folder of the state file '{fullPath}' does not exist; create it or choose another --state.");
        }

        if (Directory.Exists(fullPath))
        {
            throw CliException.Usage(
                $"The state file '{fullPath}' is a folder; give --state the path of a file, such as " +
                $"{Path.Combine(fullPath, "state.json")}.");
        }

        FileStream? lockStream;
        try
        {
            lockStream = LockFile.TryAcquire(Path.Combine(folder, $".{Path.GetFileName(fullPath)}.lock"));
            if (lockStream is not null)
            {
                CheckWritable(folder, lockStream);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage(
                $"The folder of the state file '{fullPath}' cannot be written ({exception.Message.TrimEnd('.')}); " +
                "make it writable or choose another --state.");
        }

        return lockStream ?? throw CliException.Usage(
            $"Another marketo-extract run is using the state file '{fullPath}'; wait for it to finish or give this run " +
            "its own --state.");
    }

    private static void CheckWritable(string folder, FileStream lockStream)
    {
        try
        {
            LockFile.CheckFolderWritable(folder);
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    private static async Task<IReadOnlyDictionary<string, StreamState>> LoadAsync(
        JsonFileCursorStore store,
        CancellationToken cancellationToken)
    {
        try
        {
            return await store.LoadAllAsync(cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            // The store's message names the file, the problem and the fix, in terms of a path the caller gives it.
            throw CliException.Usage(exception.Message
                .Replace("Give the path of", "Give --state the path of", StringComparison.Ordinal)
                .Replace("give the path of", "give --state the path of", StringComparison.Ordinal));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage(
                $"The state file '{store.FilePath}' could not be read ({exception.Message.TrimEnd('.')}); check its " +
                "permissions, or choose another --state.");
        }
    }
}
