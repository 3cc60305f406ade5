using System.Text.Json;
using Marketo.Extract.Cli.Emulator;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Cli.Tests;

/// <summary>
/// Every bad input gives one line on stderr with the right exit code and leaves an earlier output folder, state
/// included, byte for byte as it was.
/// </summary>
[NonParallelizable]
public sealed class BadInputTests
{
    private const string Secret = "s3cr3t-never-printed";
    private static readonly string ValidStart = EmbeddedEmulator.DatasetEnd.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private string _root = null!;
    private string _earlierOutput = null!;
    private MarketoEmulator _emulator = null!;

    [OneTimeSetUp]
    public async Task StartEmulatorAndWriteEarlierOutput()
    {
        _root = Path.Combine(Path.GetTempPath(), "marketo-extract-bad-input-" + Guid.NewGuid().ToString("N"));
        _earlierOutput = Path.Combine(_root, "earlier");
        Directory.CreateDirectory(_root);
        var options = CliRunner.CreateStandaloneOptions();
        options.ClientSecret = Secret;
        _emulator = new MarketoEmulator(options);
        await _emulator.StartAsync();
        var result = await CliRunner.RunAsync(
            ["sync", "--out", _earlierOutput, "--streams", "activity_types,campaigns", "--config", WriteConfig(new())]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
    }

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [TestCase("missing config file", ExitCodes.Usage, "was not found")]
    [TestCase("malformed config", ExitCodes.Usage, "is not valid JSON")]
    [TestCase("unknown key", ExitCodes.Usage, "unknown key 'region'")]
    [TestCase("missing key", ExitCodes.Usage, "client_secret is missing")]
    [TestCase("start date in the future", ExitCodes.Usage, "is in the future")]
    [TestCase("start date unparseable", ExitCodes.Usage, "is not a date")]
    [TestCase("window too wide", ExitCodes.Usage, "from 1 to 30")]
    [TestCase("window zero from environment", ExitCodes.Usage, "MARKETO_WINDOW_IN_DAYS")]
    [TestCase("output folder is a file", ExitCodes.Usage, "cannot be written")]
    [TestCase("unknown stream", ExitCodes.Usage, "Unknown stream 'no_such_stream'")]
    [TestCase("state file is a folder", ExitCodes.Usage, "is a folder")]
    [TestCase("unknown option", ExitCodes.Usage, "--no-such-option")]
    [TestCase("unreachable host", ExitCodes.Connection, "Check domain_url")]
    [TestCase("wrong credentials", ExitCodes.Authentication, "client_secret")]
    [TestCase("daily quota used up", ExitCodes.Quota, "quota")]
    [TestCase("domain url with api version", ExitCodes.Usage, "domain_url '")]
    [TestCase("rate limit through retries", ExitCodes.Failure, "when other integrations are idle")]
    public async Task Sync_BadInput_FailsWithOneLineAndChangesNothing(string scenario, int exitCode, string message)
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        FolderSnapshot.CopyFolder(_earlierOutput, folder);
        var before = FolderSnapshot.Take(folder);
        var (args, environment) = Arrange(scenario, folder);

        var result = await CliRunner.RunAsync(args, environment);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.StartWith("marketo-extract: ").And.Contain(message));
        Assert.That(result.Error, Does.Not.Contain("   at "));
        Assert.That(result.Error, Does.Not.Contain("Options."));
        Assert.That(result.Error, Does.Not.Contain("(Parameter "));
        before.AssertSame(FolderSnapshot.Take(folder));
        SyncTests.AssertSecretAbsent(Secret, result, folder);
    }

    private (string[] Args, Dictionary<string, string>? Environment) Arrange(string scenario, string folder)
    {
        var valid = new Dictionary<string, object>();
        string[] sync = ["sync", "--out", folder];
        return scenario switch
        {
            "missing config file" => ([.. sync, "--config", Path.Combine(_root, "absent.json")], null),
            "malformed config" => ([.. sync, "--config", WriteText($"{{\"client_secret\": \"{Secret}\", oops")], null),
            "unknown key" => ([.. sync, "--config", WriteConfig(new() { ["region"] = "eu" })], null),
            "missing key" => ([.. sync, "--config", WriteConfig(new() { ["client_secret"] = "" })], null),
            "start date in the future" => ([.. sync, "--config", WriteConfig(new() { ["start_date"] = "2999-01-01" })], null),
            "start date unparseable" => ([.. sync, "--config", WriteConfig(new() { ["start_date"] = "31/01/2024" })], null),
            "window too wide" => ([.. sync, "--config", WriteConfig(valid), "--window-in-days", "31"], null),
            "window zero from environment" => ([.. sync, "--config", WriteConfig(valid)], new() { ["MARKETO_WINDOW_IN_DAYS"] = "0" }),
            "output folder is a file" => (["sync", "--out", Path.Combine(folder, "campaigns.jsonl"), "--config", WriteConfig(valid)], null),
            "unknown stream" => ([.. sync, "--config", WriteConfig(valid), "--streams", "campaigns,no_such_stream"], null),
            "state file is a folder" => ([.. sync, "--config", WriteConfig(valid), "--state", _root], null),
            "unknown option" => ([.. sync, "--no-such-option"], null),
            "unreachable host" => ([.. sync, "--config", WriteConfig(new() { ["domain_url"] = "http://127.0.0.1:9" })], null),
            "wrong credentials" => ([.. sync], new()
            {
                ["MARKETO_DOMAIN_URL"] = _emulator.BaseAddress.ToString(),
                ["MARKETO_CLIENT_ID"] = _emulator.ClientId,
                ["MARKETO_CLIENT_SECRET"] = Secret + "-wrong",
                ["MARKETO_START_DATE"] = ValidStart,
            }),
            "daily quota used up" => ([.. sync, "--config", WriteConfig(valid)], QuotaExhausted()),
            "domain url with api version" =>
                ([.. sync, "--config", WriteConfig(new() { ["domain_url"] = _emulator.BaseAddress + "rest/v1" })], null),
            "rate limit through retries" => ([.. sync, "--config", WriteConfig(valid)], RateLimited()),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "no such scenario"),
        };
    }

    private Dictionary<string, string>? QuotaExhausted()
    {
        _emulator.Faults.ReturnError("607", EmulatorCallMatch.AnyApiCall, times: 1_000);
        return null;
    }

    private Dictionary<string, string>? RateLimited()
    {
        _emulator.Faults.ReturnError("606", EmulatorCallMatch.AnyApiCall, times: 1_000);
        return null;
    }

    [TearDown]
    public void ClearFaults() => _emulator.Faults.Clear();

    private string WriteConfig(Dictionary<string, object> changes)
    {
        var config = new Dictionary<string, object>
        {
            ["domain_url"] = _emulator.BaseAddress.ToString(),
            ["client_id"] = _emulator.ClientId,
            ["client_secret"] = Secret,
            ["start_date"] = ValidStart,
        };
        foreach (var (key, value) in changes)
        {
            config[key] = value;
        }

        return WriteText(JsonSerializer.Serialize(config));
    }

    private string WriteText(string text)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, text);
        return path;
    }
}
