namespace Marketo.Extract.Cli.Output;

/// <summary>
/// The output folder of a sync, held for the whole run: checked for writing, locked against a second run, and swept
/// of temporary files an interrupted run left behind.
/// </summary>
internal sealed class OutputFolder : IDisposable
{
    /// <summary>The extension of temporary files; a file with it never counts as output.</summary>
    public const string TemporaryExtension = ".partial";

    /// <summary>The characters a temporary name adds to a file name: a dot, 32 hex digits and the extension.</summary>
    public const int TemporarySuffixLength = 2 + 32 + 8;

    private const string LockFileName = ".marketo-extract.lock";

    private readonly FileStream _lock;

    private readonly bool _created;

    private OutputFolder(string path, FileStream lockStream, bool created)
    {
        FullPath = path;
        _lock = lockStream;
        _created = created;
    }

    public string FullPath { get; }

    /// <summary>Creates the folder if needed, takes the lock and removes stale temporary files.</summary>
    public static OutputFolder Open(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var created = !Directory.Exists(fullPath);
        FileStream? lockStream;
        try
        {
            Directory.CreateDirectory(fullPath);
            lockStream = LockFile.TryAcquire(Path.Combine(fullPath, LockFileName));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw NotWritable(fullPath, exception);
        }

        if (lockStream is null)
        {
            throw CliException.Usage(
                $"Another marketo-extract run is using the output folder '{fullPath}'; wait for it to finish or choose another --out.");
        }

        try
        {
            LockFile.CheckFolderWritable(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            lockStream.Dispose();
            throw NotWritable(fullPath, exception);
        }

        var folder = new OutputFolder(fullPath, lockStream, created);
        folder.DeleteStaleTemporaryFiles();
        return folder;
    }

    /// <summary>
    /// Rejects a format other than the one of the stream files already in the folder, because the new files would
    /// start from the saved cursors and contain only the changes, next to old files that contain the rest.
    /// </summary>
    public void CheckFormat(OutputFormat format)
    {
        var other = format == OutputFormat.Csv ? OutputFormat.Jsonl : OutputFormat.Csv;
        var otherExtension = Path.GetExtension(StreamFileName.Of("x", other));
        var found = Directory.EnumerateFiles(FullPath, "*" + otherExtension)
            .Select(Path.GetFileName)
            .Where(name => StreamFileName.Check(Path.GetFileNameWithoutExtension(name)!) is null)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (found.Count > 0)
        {
            var name = other.ToString().ToLowerInvariant();
            throw CliException.Usage(
                $"The output folder '{FullPath}' contains {name} files from an earlier sync ({found[0]}" +
                $"{(found.Count > 1 ? $" and {found.Count - 1} more" : string.Empty)}), but this run writes " +
                $"{format.ToString().ToLowerInvariant()}; run it with --format {name}, or give --out a new folder " +
                "(and --state a new file, if you set it) for the other format.");
        }
    }

    /// <summary>Creates a new, empty temporary file for <paramref name="targetPath"/> in the same folder, so a rename is atomic.</summary>
    public static FileStream CreateTemporaryFile(string targetPath, out string temporaryPath)
    {
        var directory = Path.GetDirectoryName(targetPath)!;
        temporaryPath = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}{TemporaryExtension}");
        return new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// Deletes the folder if this run created it and it contains only hidden lock files, and releases the lock.
    /// </summary>
    /// <remarks>
    /// NOTE: a second run that opens the folder while it is being deleted can find it gone and fail. The folder is
    /// new and empty, so that run loses nothing and succeeds when run again.
    /// </remarks>
    public void DeleteIfCreatedAndUnused()
    {
        if (!_created || Directory.EnumerateFileSystemEntries(FullPath).Any(entry => !IsLockFile(entry)))
        {
            return;
        }

        try
        {
            foreach (var lockFile in Directory.EnumerateFiles(FullPath))
            {
                File.Delete(lockFile);
            }

            _lock.Dispose();
            Directory.Delete(FullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An empty folder left behind is harmless; the run's own error is what the user must see.
        }
    }

    private static CliException NotWritable(string fullPath, Exception exception) => CliException.Usage(
        $"The output folder '{fullPath}' cannot be written ({exception.Message.TrimEnd('.')}); choose a writable " +
        "folder with --out.");

    private static bool IsLockFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') && name.EndsWith(".lock", StringComparison.Ordinal) && File.Exists(path);
    }

    private void DeleteStaleTemporaryFiles()
    {
        // Only this tool writes hidden *.partial files, and the lock proves no other run of it is writing now.
        foreach (var file in Directory.EnumerateFiles(FullPath, "." + "*" + TemporaryExtension))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A leftover temporary file is never mistaken for output, so failing to remove it harms nothing.
            }
        }
    }
}
