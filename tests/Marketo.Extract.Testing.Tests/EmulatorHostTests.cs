using System.Diagnostics;
using System.Globalization;

namespace Marketo.Extract.Testing.Tests;

/// <summary>The runnable host, Marketo.Extract.Emulator, started as a child process.</summary>
public sealed class EmulatorHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [TestCase("TERM", "SIGTERM")]
    [TestCase("INT", "SIGINT")]
    public async Task Host_Signal_StopsWithExitCodeZero(string signal, string signalName)
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "POSIX signals need Linux or macOS");
        Assume.That(
            IsIgnoredByThisProcess(signalName),
            Is.False,
            $"{signalName} is ignored here, as in a job a shell started in the background, and the host inherits that");
        using var host = StartHost("--port", "0", "--leads", "10", "--activities", "10", "--days", "5");
        string? banner = await ReadLineStartingAsync(host, "Marketo emulator listening on ");
        Assert.That(banner, Is.Not.Null, "the host did not report its address");

        using (var kill = Process.Start("kill", ["-" + signal, host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        string? stopping = await ReadLineStartingAsync(host, "Stopping");
        bool exited = await WaitForExitAsync(host);

        Assert.That(exited, Is.True, $"the host still runs {Timeout.TotalSeconds} s after {signalName}");
        Assert.That(host.ExitCode, Is.Zero);
        Assert.That(stopping, Is.EqualTo($"Stopping on {signalName}."));
    }

    [Test]
    public async Task Host_BadOption_OneLineAndExitCode2()
    {
        using var host = StartHost("--daily-call-quota", "lots");

        string standardError = await host.StandardError.ReadToEndAsync();
        bool exited = await WaitForExitAsync(host);

        Assert.That(exited, Is.True);
        Assert.That(host.ExitCode, Is.EqualTo(2));
        Assert.That(standardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(standardError, Does.Contain("--daily-call-quota"));
    }

    [Test]
    public async Task Host_Options_PrintedAtStart()
    {
        Assume.That(OperatingSystem.IsWindows(), Is.False, "POSIX signals need Linux or macOS");
        using var host = StartHost("--leads", "10", "--activities", "10", "--days", "5", "--token-lifetime-seconds", "90", "--no-updated-at-filter");

        string? lifetime = await ReadLineStartingAsync(host, "  token lifetime:");
        string? updatedAt = await ReadLineStartingAsync(host, "  updatedAt:");
        using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        bool exited = await WaitForExitAsync(host);

        Assert.That(lifetime, Is.EqualTo("  token lifetime: 90 s"));
        Assert.That(updatedAt, Does.EndWith("bulk updatedAt filter unsupported (1035)"));
        Assert.That(exited, Is.True);
        Assert.That(host.ExitCode, Is.Zero);
    }

    /// <summary>Reads the ignored-signal mask of this process from <c>/proc/self/status</c>; false where there is none.</summary>
    private static bool IsIgnoredByThisProcess(string signalName)
    {
        const string statusPath = "/proc/self/status";
        int number = signalName == "SIGINT" ? 2 : 15;
        string? line = File.Exists(statusPath)
            ? File.ReadLines(statusPath).FirstOrDefault(text => text.StartsWith("SigIgn:", StringComparison.Ordinal))
            : null;
        if (line is null)
        {
            return false;
        }

        ulong mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (number - 1))) != 0;
    }

    internal static Process StartHost(params string[] arguments)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Marketo.Extract.Emulator.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    internal static async Task<string?> ReadLineStartingAsync(Process host, string prefix)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            while (await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            KillIfRunning(host);
        }

        return null;
    }

    private static async Task<bool> WaitForExitAsync(Process host)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await host.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            KillIfRunning(host);
            return false;
        }
    }

    private static void KillIfRunning(Process host)
    {
        if (!host.HasExited)
        {
            host.Kill(entireProcessTree: true);
        }
    }
}
