using System.Net.Sockets;
using Marketo.Extract.Bulk;

namespace Marketo.Extract.Cli;

/// <summary>Turns a failure into its exit code and one line for stderr: no stack trace, never the client secret.</summary>
internal static class ErrorReport
{
    /// <summary>The environment variable that, set to 1, adds the exception with its stack trace after the error line.</summary>
    public const string StackTraceVariable = "MARKETO_EXTRACT_STACK_TRACE";

    public static int Write(CliHost host, Exception exception, bool cancelled)
    {
        var (exitCode, message) = Classify(exception, cancelled);
        host.Error.WriteLine("marketo-extract: " + OneLine(Redact(message, host)));
        if (host.Environment(StackTraceVariable) == "1")
        {
            // Opt-in detail for bug reports; the normal output stays one line.
            host.Error.WriteLine(Redact(exception.ToString(), host));
        }

        return exitCode;
    }

    public static (int ExitCode, string Message) Classify(Exception exception, bool cancelled) => exception switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        OperationCanceledException when cancelled => (ExitCodes.Cancelled,
            "Interrupted. Streams finished before the interruption are saved; the other files and their cursors are " +
            "as before, and export jobs already created are resumed by the next run of the same command."),
        MarketoAuthenticationException => (ExitCodes.Authentication,
            exception.Message + " Check client_id and client_secret (Admin > LaunchPoint > View Details)."),
        MarketoQuotaExceededException => (ExitCodes.Quota, exception.Message),
        MarketoException when IsConnectionFailure(exception) => (ExitCodes.Connection,
            exception.Message + " Check domain_url and the network."),
        BulkExportTimeoutException => (ExitCodes.Failure,
            exception.Message + " Raise job_timeout_minutes if Marketo's export queue is busy."),
        ArgumentException => (ExitCodes.Usage, exception.Message),
        IOException or UnauthorizedAccessException => (ExitCodes.Failure,
            $"A file could not be written or read: {exception.Message}"),
        _ => (ExitCodes.Failure, $"{exception.GetType().Name}: {exception.Message}"),
    };

    private static bool IsConnectionFailure(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static string Redact(string message, CliHost host) => host.Secrets.Redact(message);

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
