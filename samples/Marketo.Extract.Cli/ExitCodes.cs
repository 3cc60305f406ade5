namespace Marketo.Extract.Cli;

/// <summary>The process exit codes of <c>marketo-extract</c>; scripts branch on them, so they never change meaning.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Any other failure: an export that failed in Marketo, a file that could not be written, a bug.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the configuration is invalid: an unknown option, key or stream, a bad value.</summary>
    public const int Usage = 2;

    /// <summary>Marketo rejected the credentials.</summary>
    public const int Authentication = 3;

    /// <summary>Marketo could not be reached or did not answer in time.</summary>
    public const int Connection = 4;

    /// <summary>A daily quota of the Marketo instance (API calls or export volume) is used up.</summary>
    public const int Quota = 5;

    /// <summary>The run was interrupted with Ctrl+C (SIGINT); 128 + 2, the convention of shells.</summary>
    public const int Cancelled = 130;

    /// <summary>The run was stopped with SIGQUIT, after the same cleanup as Ctrl+C; 128 + 3.</summary>
    public const int Quit = 131;

    /// <summary>The run was stopped with SIGTERM, as schedulers and service managers send, after the same cleanup as Ctrl+C; 128 + 15.</summary>
    public const int Terminated = 143;
}
