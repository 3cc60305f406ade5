using System.Net.Sockets;
using System.Security.Authentication;
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
        // A sync interrupted while it extracts reports through its own line; this one is for every earlier moment.
        OperationCanceledException when cancelled => (ExitCodes.Cancelled,
            "Interrupted before any stream was extracted; no file or state was changed and no export job was created."),
        MarketoAuthenticationException => (ExitCodes.Authentication, InCommandTerms(exception.Message)),
        MarketoQuotaExceededException => (ExitCodes.Quota, InCommandTerms(exception.Message)),
        MarketoException when IsConnectionFailure(exception) => (ExitCodes.Connection, Unreachable(exception)),
        BulkExportTimeoutException timeout => (ExitCodes.Failure, JobTimedOut(timeout)),
        MarketoException => (ExitCodes.Failure, InCommandTerms(exception.Message)),
        ArgumentException argument => (ExitCodes.Usage, InCommandTerms(MessageOf(argument))),
        StandardOutputException => (ExitCodes.Failure,
            $"Writing to standard output failed ({exception.InnerException!.Message.TrimEnd('.')}); check the file " +
            "or pipe it is redirected to."),
        IOException or UnauthorizedAccessException => (ExitCodes.Failure,
            $"A file could not be written or read: {exception.Message.TrimEnd('.')}. Check the permissions and free " +
            "space of the --out folder and the --state file."),
        _ => (ExitCodes.Failure,
            $"{exception.GetType().Name}: {exception.Message} If this does not say how to fix it, run the command " +
            $"again with {StackTraceVariable}=1 and report the output as a bug."),
    };

    /// <summary>
    /// Rewrites the library's advice into the command's terms: a library option becomes the config key that sets
    /// it, and advice to change an option that the command does not expose is dropped or replaced.
    /// </summary>
    /// <remarks>
    /// The library words its messages for .NET callers, who set options in code. The table matches its phrasing, so
    /// a reworded library message passes through unchanged; the CLI tests check the failures a user meets most.
    /// NOTE: the advice after an export create that may or may not have created a job (find it with
    /// ListExportsAsync and cancel it) has no command equivalent and passes through as the library words it.
    /// </remarks>
    public static string InCommandTerms(string message)
    {
        foreach (var (library, command) in LibraryTerms)
        {
            message = message.Replace(library, command, StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>Returns the message without the parameter name that <see cref="ArgumentException"/> appends.</summary>
    public static string MessageOf(ArgumentException exception) =>
        exception.ParamName is { } name
            ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;

    private static readonly (string Library, string Command)[] LibraryTerms =
    [
        ("MarketoClientOptions.ClientId and ClientSecret", "client_id and client_secret"),
        ("MarketoClientOptions.BaseAddress", "domain_url"),
        ("MarketoExtractOptions.StartDate", "start_date"),
        ("MarketoExtractOptions.WindowInDays", "window_in_days"),
        ("BulkExportOptions.JobTimeout", "job_timeout_minutes"),
        (" Try again later, or raise RequestTimeout.", " Try again later."),
        (" (MarketoClientOptions.RequestTimeout)", string.Empty),
        ("Check the network, or raise BulkExportOptions.DownloadResumeAttempts.",
            "Check the network and run the command again."),
        ("lower MarketoClientOptions.MaxCallsPerWindow or run other integrations at other times.",
            "run the command again when other integrations are idle."),
        ("lower MarketoClientOptions.MaxConcurrentCalls.",
            "run the command again when other integrations are idle."),
    ];

    private static string Unreachable(Exception exception)
    {
        var causes = new List<Exception>();
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            causes.Add(inner);
        }

        if (causes.OfType<TimeoutException>().Any())
        {
            return "Marketo did not answer within the request timeout. Check domain_url and the network, then run " +
                "the command again.";
        }

        if (causes.OfType<AuthenticationException>().Any())
        {
            return $"Marketo could not be reached: the https (TLS) connection failed ({causes[^1].Message.TrimEnd('.')}). " +
                "Check that domain_url starts with the scheme the server speaks (Marketo uses https), then run the " +
                "command again.";
        }

        // .NET's wrapper messages end in "see inner exception", which means nothing on a command line.
        var cause = causes.OfType<HttpRequestException>()
            .FirstOrDefault(candidate => !candidate.Message.Contains("inner exception", StringComparison.Ordinal))
            ?? causes[^1];
        return $"Marketo could not be reached: {cause.Message.TrimEnd('.')}. Check domain_url and the network, then " +
            "run the command again.";
    }

    private static string JobTimedOut(BulkExportTimeoutException exception) =>
        $"Export job {exception.ExportId} did not finish within {exception.Timeout.TotalMinutes:0} minutes of " +
        "entering Marketo's export queue, so it was cancelled. Raise job_timeout_minutes if the queue is busy, " +
        "or lower window_in_days to export shorter date ranges.";

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
