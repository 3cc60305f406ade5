using System.Diagnostics;

namespace Marketo.Extract.Cli.Tests;

/// <summary>Runs the built command as a real process, as a user's shell would.</summary>
public sealed class ProcessTests
{
    [Test]
    public async Task Check_NoCredentials_ReportsEmulatorFirstThenOk()
    {
        var result = await RunProcessAsync("check");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^No Marketo credentials given: checking the built-in emulator at http://127\.0\.0\.1:\d+/ \(demo data\)$"));
        Assert.That(lines[^1], Does.StartWith("OK: connected to http://127.0.0.1:"));
        Assert.That(result.Output, Does.Not.Contain(Testing.MarketoEmulatorOptions.DefaultClientSecret));
    }

    [Test]
    public async Task Sync_MissingConfigFile_ExitsWithUsageCodeAndOneLine()
    {
        var result = await RunProcessAsync("sync", "--out", Path.GetTempPath(), "--config", "/nonexistent/marketo.json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain("was not found"));
    }

    private static async Task<CliResult> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "marketo-extract.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in new[] { "MARKETO_DOMAIN_URL", "MARKETO_CLIENT_ID", "MARKETO_CLIENT_SECRET" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
