namespace Marketo.Extract.Cli;

/// <summary>A failure the command reports as one line on stderr with the given exit code, without a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException(int exitCode, string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>Gets the process exit code, one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
