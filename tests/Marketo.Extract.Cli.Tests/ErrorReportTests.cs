using System.Net.Sockets;
using System.Security.Authentication;
using Marketo.Extract.Bulk;

namespace Marketo.Extract.Cli.Tests;

/// <summary>How a failure becomes the command's exit code and its one error line.</summary>
public sealed class ErrorReportTests
{
    [Test]
    public void Classify_JobTimeout_NamesConfigKeysOnce()
    {
        var exception = new BulkExportTimeoutException("The library's own message. Raise BulkExportOptions.JobTimeout.")
        {
            ExportId = "e1",
            Timeout = TimeSpan.FromMinutes(180),
        };

        var (exitCode, message) = ErrorReport.Classify(exception, cancelled: false);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(message, Does.StartWith("Export job e1 did not finish within 180 minutes"));
        Assert.That(message.Split("job_timeout_minutes"), Has.Length.EqualTo(2));
        Assert.That(message, Does.Contain("window_in_days"));
        Assert.That(message, Does.Not.Contain("Options"));
    }

    [Test]
    public void Classify_ConnectionRefused_GivesCauseAndAdviceOnce()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException(111));
        var exception = new MarketoException("GET x failed: Marketo could not be reached. Check MarketoClientOptions.BaseAddress.", refused);

        var (exitCode, message) = ErrorReport.Classify(exception, cancelled: false);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Connection));
        Assert.That(message, Is.EqualTo(
            "Marketo could not be reached: Connection refused (127.0.0.1:9). Check domain_url and the network, then " +
            "run the command again."));
    }

    [Test]
    public void Classify_RequestTimeout_SaysMarketoDidNotAnswer()
    {
        var timeout = new TimeoutException("GET x did not complete within the request timeout (MarketoClientOptions.RequestTimeout).");
        var exception = new MarketoException("GET x failed.", timeout);

        var (exitCode, message) = ErrorReport.Classify(exception, cancelled: false);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Connection));
        Assert.That(message, Does.StartWith("Marketo did not answer within the request timeout."));
        Assert.That(message, Does.Not.Contain("Options"));
    }

    [Test]
    public void Classify_ArgumentException_DropsParameterName()
    {
        var exception = new ArgumentException("MarketoClientOptions.BaseAddress 'x' is invalid.", "options");

        var (exitCode, message) = ErrorReport.Classify(exception, cancelled: false);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(message, Is.EqualTo("domain_url 'x' is invalid."));
    }

    [Test]
    public void Classify_HttpsToPlainServer_NamesTlsNotInnerException()
    {
        var tls = new HttpRequestException(
            "The SSL connection could not be established, see inner exception.",
            new AuthenticationException("Cannot determine the frame size or a corrupted frame was received."));
        var exception = new MarketoException("POST /identity/oauth/token failed: Marketo could not be reached.", tls);

        var (exitCode, message) = ErrorReport.Classify(exception, cancelled: false);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Connection));
        Assert.That(message, Does.Contain("the https (TLS) connection failed (Cannot determine the frame size"));
        Assert.That(message, Does.Contain("domain_url starts with the scheme the server speaks"));
        Assert.That(message, Does.Not.Contain("inner exception"));
    }

    [Test]
    public void Write_StandardOutputFull_BlamesStandardOutput()
    {
        using var error = new StringWriter();
        var host = new CliHost { Out = new StandardOutputWriter(new FullWriter()), Error = error };
        var exception = Assert.Throws<StandardOutputException>(() => host.Out.WriteLine("OK"));

        var exitCode = ErrorReport.Write(host, exception!, cancelled: false);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(error.ToString(), Is.EqualTo(
            "marketo-extract: Writing to standard output failed (No space left on device); check the file or pipe it " +
            "is redirected to." + Environment.NewLine));
    }

    [Test]
    public void Classify_FileError_EndsSentenceBeforeAdvice()
    {
        var exception = new IOException("No space left on device : '/out/x.jsonl'");

        var (_, message) = ErrorReport.Classify(exception, cancelled: false);

        Assert.That(message, Does.Contain("'/out/x.jsonl'. Check the permissions"));
    }

    private sealed class FullWriter : StringWriter
    {
        public override void WriteLine(string? value) => throw new IOException("No space left on device");
    }
}
