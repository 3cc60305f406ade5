namespace Marketo.Extract.Cli;

/// <summary>A failure to write to standard output, such as a full disk or a closed pipe behind a redirect.</summary>
internal sealed class StandardOutputException(IOException innerException)
    : IOException("Writing to standard output failed.", innerException);
