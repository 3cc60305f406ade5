namespace Marketo.Extract.Cli.Output;

/// <summary>
/// Turns a stream id into the name of its output file, rejecting any id that is not a plain file name.
/// </summary>
/// <remarks>
/// Activity stream ids come from activity type names that the Marketo instance's administrators choose, so they are
/// untrusted input: only <c>[a-z0-9_]</c> passes, which rules out separators, <c>..</c>, hidden names, device names
/// with extensions and anything a file system could read differently. The length cap keeps the name, a temporary
/// suffix and the folder within the limits of every common file system.
/// </remarks>
internal static class StreamFileName
{
    public const int MaxStreamIdLength = 100;

    /// <summary>The longest full path accepted for a file, temporary suffix included: the Windows default limit.</summary>
    private const int MaxPathLength = 259;

    public static string Of(string streamId, OutputFormat format) =>
        streamId + (format == OutputFormat.Csv ? ".csv" : ".jsonl");

    /// <summary>Returns the reason the id cannot name a file, or <see langword="null"/> when it can.</summary>
    public static string? Check(string streamId)
    {
        if (streamId.Length is 0 or > MaxStreamIdLength)
        {
            return $"is {streamId.Length} characters long; the limit is {MaxStreamIdLength}";
        }

        foreach (var character in streamId)
        {
            if (character is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return "contains characters other than a-z, 0-9 and _";
            }
        }

        return null;
    }

    /// <summary>Builds the full path of a stream's file inside the output folder, after checking the id again.</summary>
    public static string PathOf(string folder, string streamId, OutputFormat format)
    {
        if (Check(streamId) is { } reason)
        {
            throw new CliException(
                ExitCodes.Failure,
                $"Stream id '{Printable(streamId)}' {reason}, so it cannot name a file; leave it out with --streams.");
        }

        var path = Path.Combine(folder, Of(streamId, format));
        if (path.Length + OutputFolder.TemporarySuffixLength > MaxPathLength && OperatingSystem.IsWindows())
        {
            throw CliException.Usage($"The output path '{path}' is too long; choose a shorter --out folder.");
        }

        return path;
    }

    /// <summary>Shows an untrusted id in one line: control and non-ASCII characters become escapes.</summary>
    public static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, 120));
        foreach (var character in text.Length > 120 ? text[..120] : text)
        {
            builder.Append(character is >= ' ' and <= '~' ? character.ToString() : $"\\u{(int)character:x4}");
        }

        return builder.ToString();
    }
}
