using System.Globalization;
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

    [Test]
    [Platform(Exclude = "Win")]
    public async Task Sync_Sigterm_CleansUpAndExitsWith143()
    {
        var folder = Path.Combine(Path.GetTempPath(), "marketo-extract-sigterm-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The first export job state line means the run is inside the extraction, with files open.
            var result = await RunProcessAsync(
                process => SignalWhenOutputContainsAsync(process, " export ", "TERM"),
                "sync", "--out", folder);

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Terminated), result.Error);
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.Error);
            Assert.That(result.Error, Does.StartWith("marketo-extract: Interrupted."));
            Assert.That(result.Output, Does.Contain("Stopping: open export jobs are cancelled on Marketo first"));
            Assert.That(result.Error, Does.Not.Contain("   at "));
            Assert.That(Directory.GetFiles(folder, "*.partial"), Is.Empty);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<CliResult> RunProcessAsync(params string[] args) => RunProcessAsync(null, args);

    /// <summary>Reads standard output until it contains <paramref name="text"/>, then sends the signal.</summary>
    private static async Task<string> SignalWhenOutputContainsAsync(Process process, string text, string signal)
    {
        var output = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
                break;
            }
        }

        output.Append(await process.StandardOutput.ReadToEndAsync());
        return output.ToString();
    }

    private static async Task<CliResult> RunProcessAsync(Func<Process, Task<string>>? readOutput, params string[] args)
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
        var output = readOutput?.Invoke(process) ?? process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
