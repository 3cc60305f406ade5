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

    private OutputFolder(string path, FileStream lockStream)
    {
        FullPath = path;
        _lock = lockStream;
    }

    public string FullPath { get; }

    /// <summary>Creates the folder if needed, takes the lock and removes stale temporary files.</summary>
    public static OutputFolder Open(string path)
    {
        var fullPath = Path.GetFullPath(path);
        FileStream lockStream;
        try
        {
            Directory.CreateDirectory(fullPath);
            lockStream = new FileStream(
                Path.Combine(fullPath, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (Directory.Exists(fullPath) && IsLockConflict(exception))
        {
            throw CliException.Usage(
                $"Another marketo-extract run is using the output folder '{fullPath}'; wait for it to finish or choose another --out.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw CliException.Usage(
                $"The output folder '{fullPath}' cannot be written ({exception.Message}); choose a writable folder with --out.");
        }

        var folder = new OutputFolder(fullPath, lockStream);
        folder.DeleteStaleTemporaryFiles();
        return folder;
    }

    /// <summary>Creates a new, empty temporary file for <paramref name="targetPath"/> in the same folder, so a rename is atomic.</summary>
    public static FileStream CreateTemporaryFile(string targetPath, out string temporaryPath)
    {
        var directory = Path.GetDirectoryName(targetPath)!;
        temporaryPath = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}{TemporaryExtension}");
        return new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    public void Dispose() => _lock.Dispose();

    private static bool IsLockConflict(IOException exception) =>
        exception.HResult is 32 or 33 or 11 || exception.Message.Contains("being used", StringComparison.OrdinalIgnoreCase);

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
