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
    private FileStream? _heldLock;

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
    [TestCase("domain url with api version", ExitCodes.Usage, "has the path '/rest/v1'")]
    [TestCase("domain url with path", ExitCodes.Usage, "has the path '/foo'")]
    [TestCase("window not a number", ExitCodes.Usage, "The option --window-in-days is 'x'")]
    [TestCase("output folder empty", ExitCodes.Usage, "--out is empty")]
    [TestCase("config is a folder", ExitCodes.Usage, "is a folder; pass the path of a JSON file")]
    [TestCase("unknown streams", ExitCodes.Usage, "Unknown streams 'nosuch', 'also_bad'")]
    [TestCase("other format in folder", ExitCodes.Usage, "contains jsonl files from an earlier sync")]
    [TestCase("state file is the config", ExitCodes.Usage, "is not a Marketo.Extract state file")]
    [TestCase("state file with null streams", ExitCodes.Usage, "is not a Marketo.Extract state file")]
    [TestCase("state file truncated", ExitCodes.Usage, "is not valid state JSON (line 1, byte ")]
    [TestCase("state file used by another run", ExitCodes.Usage, "Another marketo-extract run is using the state file")]
    [TestCase("state file linked to one in use", ExitCodes.Usage, "Another marketo-extract run is using the state file")]
    [TestCase("state file with a null job", ExitCodes.Usage, "is damaged: for stream 'leads'")]
    [TestCase("state file is an output file", ExitCodes.Usage, "give --state the path of a state file")]
    [TestCase("secret pasted as domain url", ExitCodes.Usage, "domain_url")]
    [TestCase("secret pasted as host", ExitCodes.Usage, "contains the client secret")]
    [TestCase("state file linked to itself", ExitCodes.Usage, "cannot be followed to a file")]
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
            "domain url with path" =>
                ([.. sync, "--config", WriteConfig(new() { ["domain_url"] = _emulator.BaseAddress + "foo" })], null),
            "window not a number" => ([.. sync, "--config", WriteConfig(valid), "--window-in-days", "x"], null),
            "output folder empty" => (["sync", "--out", "", "--config", WriteConfig(valid)], null),
            "config is a folder" => ([.. sync, "--config", _root], null),
            "unknown streams" => ([.. sync, "--config", WriteConfig(valid), "--streams", "campaigns,nosuch,also_bad"], null),
            "other format in folder" => ([.. sync, "--config", WriteConfig(valid), "--format", "csv"], null),
            "state file is the config" => ([.. sync, "--config", WriteConfig(valid), "--state", WriteConfig(valid)], null),
            "state file with null streams" =>
                ([.. sync, "--config", WriteConfig(valid), "--state", WriteText("{\"version\":1,\"streams\":null}")], null),
            "state file truncated" =>
                ([.. sync, "--config", WriteConfig(valid), "--state", WriteText("{\"version\":1,\"streams\":{\"leads\"")], null),
            "state file used by another run" => ([.. sync, "--config", WriteConfig(valid), "--state", HoldStateLock()], null),
            "state file linked to one in use" =>
                ([.. sync, "--config", WriteConfig(valid), "--state", LinkTo(HoldStateLock())], null),
            "state file with a null job" => ([.. sync, "--config", WriteConfig(valid), "--state",
                WriteText("{\"version\":1,\"streams\":{\"leads\":{\"version\":1,\"pendingExports\":[null]}}}")], null),
            "state file is an output file" =>
                ([.. sync, "--config", WriteConfig(valid), "--state", Path.Combine(folder, "campaigns.jsonl")], null),
            "secret pasted as domain url" => ([.. sync, "--config", WriteConfig(new() { ["domain_url"] = Secret })], null),
            "state file linked to itself" => ([.. sync, "--config", WriteConfig(valid), "--state", SelfLink()], null),
            "secret pasted as host" => ([.. sync, "--config",
                WriteConfig(new() { ["domain_url"] = $"https://{Secret.ToUpperInvariant()}.mktorest.com" })], null),
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
    public void ClearFaults()
    {
        _emulator.Faults.Clear();
        _heldLock?.Dispose();
        _heldLock = null;
    }

    [Test]
    public async Task Sync_StreamFileMissing_RejectedBeforeWriting()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        FolderSnapshot.CopyFolder(_earlierOutput, folder);
        File.Delete(Path.Combine(folder, "campaigns.jsonl"));
        var before = FolderSnapshot.Take(folder);

        var result = await CliRunner.RunAsync(["sync", "--out", folder, "--config", WriteConfig(new())]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.Error);
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain("has a cursor for campaigns.jsonl").And.Contain("--full-refresh"));
        before.AssertSame(FolderSnapshot.Take(folder));
    }

    [Test]
    public async Task Sync_FullRefreshWithStreamFileMissing_WritesIt()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        FolderSnapshot.CopyFolder(_earlierOutput, folder);
        File.Delete(Path.Combine(folder, "campaigns.jsonl"));
        File.Delete(Path.Combine(folder, "activity_types.jsonl"));

        var result = await CliRunner.RunAsync(
            ["sync", "--out", folder, "--streams", "activity_types,campaigns", "--full-refresh", "--config", WriteConfig(new())]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(File.ReadAllLines(Path.Combine(folder, "campaigns.jsonl")), Is.Not.Empty);
    }

    [Test]
    public async Task Sync_StateFileChecked_BeforeAnyCall()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        var statePath = WriteText("{}");
        var callsBefore = CallCount();

        var result = await CliRunner.RunAsync(["sync", "--out", folder, "--config", WriteConfig(new()), "--state", statePath]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.Error);
        Assert.That(CallCount(), Is.EqualTo(callsBefore));
        Assert.That(File.ReadAllText(statePath), Is.EqualTo("{}"));
    }

    [Test]
    public async Task Sync_StateFolderNotWritable_FailsBeforeAnyCall()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Needs a folder the current user cannot write, which this test makes on Linux only.");
            return;
        }

        var stateFolder = UnwritableFolder();
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        var callsBefore = CallCount();

        var result = await CliRunner.RunAsync(
            ["sync", "--out", folder, "--config", WriteConfig(new()), "--state", Path.Combine(stateFolder, "state.json")]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.Error);
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain("The folder of the state file").And.Contain("cannot be written"));
        Assert.That(CallCount(), Is.EqualTo(callsBefore));
    }

    [Test]
    public async Task Sync_WrongCredentials_LeavesNoNewFolder()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string> { ["MARKETO_CLIENT_SECRET"] = Secret + "-wrong" };

        var result = await CliRunner.RunAsync(["sync", "--out", folder, "--config", WriteConfig(new())], environment);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Authentication), result.Error);
        Assert.That(Directory.Exists(folder), Is.False);
    }

    [Test]
    public async Task Check_EmptySecretVariable_KeepsFileSecret()
    {
        var environment = new Dictionary<string, string> { ["MARKETO_CLIENT_SECRET"] = string.Empty };

        var result = await CliRunner.RunAsync(["check", "--config", WriteConfig(new())], environment);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(result.Output, Does.StartWith("OK: connected to "));
    }

    [TestCase(new[] { "frobnicate" }, "Unknown command 'frobnicate'; the commands are sync, discover, check.")]
    [TestCase(new string[0], "No command given; the commands are sync, discover, check.")]
    [TestCase(new[] { "--bogus" }, "Unknown option '--bogus'; give a command (sync, discover, check) before its options.")]
    [TestCase(new[] { "sync", "--out", "x", "--format", "xml" }, "Must be one of: 'jsonl' 'csv'.")]
    [TestCase(new[] { "sync", "--out", "x", "--state", " " }, "--state is empty; give the path of the state file.")]
    public async Task Run_BadCommandLine_NamesProblemInOneSentence(string[] args, string message)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage), result.Error);
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain(message + " Run 'marketo-extract --help' for usage."));
        Assert.That(result.Output, Is.Empty);
    }

    private long CallCount() => _emulator.Statistics.IdentityCalls + _emulator.Statistics.ApiCalls;

    /// <summary>Returns a new symbolic link, in a folder of its own, to the given file.</summary>
    private string SelfLink()
    {
        var link = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".json");
        File.CreateSymbolicLink(link, link);
        return link;
    }

    private string LinkTo(string target)
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var link = Path.Combine(folder, "linked-state.json");
        File.CreateSymbolicLink(link, target);
        return link;
    }

    private string HoldStateLock()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _heldLock = new FileStream(Path.Combine(folder, ".state.json.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        return Path.Combine(folder, "state.json");
    }

    /// <summary>Returns a folder the current user cannot create files in: a read-only folder, or /sys for root.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private string UnwritableFolder()
    {
        if (Environment.UserName == "root")
        {
            return "/sys";
        }

        var folder = Path.Combine(_root, "read-only-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return folder;
    }

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
