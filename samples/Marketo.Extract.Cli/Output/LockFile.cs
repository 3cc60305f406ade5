namespace Marketo.Extract.Cli.Output;

/// <summary>
/// An exclusive lock on a file, held open for a whole run, so that a second run that needs the same file stops
/// before it writes anything.
/// </summary>
/// <remarks>
/// On Unix, .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>, which the kernel releases when the
/// process ends, so a crash never leaves a stale lock. The file itself stays behind: deleting it on release would
/// let a run that opened the old file and a run that creates a new one both hold "the" lock.
/// </remarks>
internal static class LockFile
{
    /// <summary>Opens and locks the file, creating it if needed; returns <see langword="null"/> if another run holds the lock.</summary>
    /// <exception cref="IOException">The file cannot be created or opened for another reason.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file is not writable.</exception>
    public static FileStream? TryAcquire(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (IsLockConflict(exception))
        {
            return null;
        }
    }

    /// <summary>
    /// Creates and deletes a file in the folder to prove that temporary files and renames there will succeed.
    /// Opening a lock file that already exists proves neither.
    /// </summary>
    public static void CheckFolderWritable(string folder)
    {
        var probe = Path.Combine(folder, $".marketo-extract-probe.{Guid.NewGuid():N}{OutputFolder.TemporaryExtension}");
        using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
        {
        }
    }

    // The low word is 32 or 33 for the Windows sharing and lock violations, and 11 (EWOULDBLOCK) for flock on Linux.
    private static bool IsLockConflict(IOException exception) =>
        (exception.HResult & 0xFFFF) is 32 or 33 or 11 || exception.Message.Contains("being used", StringComparison.OrdinalIgnoreCase);
}
