using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketo.Extract.Cli.Emulator;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Cli.Tests;

/// <summary>End-to-end runs of <c>sync</c> against the embedded and a standalone emulator.</summary>
[NonParallelizable]
public sealed class SyncTests
{
    private string _root = null!;
    private string _firstRun = null!;
    private CliResult _firstResult = null!;

    [OneTimeSetUp]
    public async Task RunFirstSync()
    {
        _root = Path.Combine(Path.GetTempPath(), "marketo-extract-tests-" + Guid.NewGuid().ToString("N"));
        _firstRun = Path.Combine(_root, "first");
        _firstResult = await CliRunner.RunAsync(["sync", "--out", _firstRun]);
    }

    [OneTimeTearDown]
    public void DeleteFolders() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Sync_FirstRunOnEmbeddedEmulator_WritesEveryStreamAndState()
    {
        Assert.That(_firstResult.ExitCode, Is.EqualTo(ExitCodes.Success), _firstResult.Error);
        Assert.That(_firstResult.Output, Does.StartWith(
            "No Marketo credentials given: extracting from the built-in emulator at http://127.0.0.1:"));
        string[] streams = ["activity_types", "campaigns", "lists", "programs", "leads", "deleted_leads"];
        foreach (var stream in streams)
        {
            Assert.That(new FileInfo(Path.Combine(_firstRun, stream + ".jsonl")).Length, Is.GreaterThan(0), stream);
        }

        var activityFiles = Directory.GetFiles(_firstRun, "activities_*.jsonl").Where(path => new FileInfo(path).Length > 0);
        Assert.That(activityFiles.Count(), Is.GreaterThan(10));
        Assert.That(File.Exists(Path.Combine(_firstRun, "state.json")), Is.True);
        Assert.That(_firstResult.Output, Does.Contain("export jobs: ").And.Not.Contain("export jobs: 0 created"));
    }

    [Test]
    public void Sync_RedirectedOutput_WritesStreamAndJobEventsOnly()
    {
        var lines = _firstResult.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var progress = lines.Skip(1).TakeWhile(line => !line.StartsWith("Stream ", StringComparison.Ordinal)).ToList();

        Assert.That(progress, Is.Not.Empty);
        foreach (var line in progress)
        {
            Assert.That(line, Does.Match(
                @"^(\w+: started|\w+: [\d,]+ new records -> \S+|(leads|activities) export [\w-]+: \w+ \(jobs: .+\))$"));
        }

        var started = progress.Where(line => line.EndsWith(": started", StringComparison.Ordinal)).ToList();
        var written = progress.Where(line => line.Contains(" new records -> ", StringComparison.Ordinal)).ToList();
        Assert.That(started, Is.Unique);
        Assert.That(started, Has.Count.EqualTo(written.Count));
    }

    [Test]
    public void Sync_FirstRun_WritesOneValidJsonObjectPerLine()
    {
        var lines = File.ReadAllLines(Path.Combine(_firstRun, "activities_fill_out_form.jsonl"), Encoding.UTF8);

        Assert.That(lines, Is.Not.Empty);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            Assert.That(document.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object));
        }
    }

    [Test]
    public async Task Sync_SecondRun_ExportsNothingAgain()
    {
        var folder = CopyOfFirstRun("second");
        var before = FolderSnapshot.Take(folder);

        var result = await CliRunner.RunAsync(["sync", "--out", folder]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(result.Output, Does.Contain("export jobs: 0 created, 0 resumed"));
        Assert.That(result.Output, Does.Match(@"Total\s+36\s")); // only activity_types, read whole every time
        foreach (var name in before.Files.Keys.Where(name => name.EndsWith(".jsonl", StringComparison.Ordinal)))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(folder, name)), Is.EqualTo(before.Files[name]), name);
        }
    }

    [Test]
    public async Task Sync_StartDateWithSavedCursors_WarnsThatItIsNotUsed()
    {
        var folder = CopyOfFirstRun("start-date");

        var result = await CliRunner.RunAsync(["sync", "--out", folder, "--start-date", "2020-01-01"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(result.Error, Does.Contain("marketo-extract: warning: --start-date"));
        Assert.That(result.Error, Does.Contain("--full-refresh"));
    }

    [Test]
    public async Task Sync_StandaloneEmulatorThroughConfig_GivesSameRecords()
    {
        await using var emulator = new MarketoEmulator(CliRunner.CreateStandaloneOptions());
        await emulator.StartAsync();
        var folder = Path.Combine(_root, "standalone");
        var config = WriteConfig(emulator.BaseAddress.ToString(), emulator.ClientId, emulator.ClientSecret);

        var result = await CliRunner.RunAsync(["sync", "--out", folder, "--config", config]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(result.Output, Does.Not.Contain("built-in emulator"));
        foreach (var stream in new[] { "leads", "activities_visit_webpage", "campaigns", "programs" })
        {
            var expected = File.ReadAllLines(Path.Combine(_firstRun, stream + ".jsonl")).Order(StringComparer.Ordinal);
            var actual = File.ReadAllLines(Path.Combine(folder, stream + ".jsonl")).Order(StringComparer.Ordinal);
            Assert.That(actual, Is.EqualTo(expected), stream);
        }

        AssertSecretAbsent(emulator.ClientSecret, result, folder);
    }

    [Test]
    public async Task Sync_CsvFormat_WritesHeaderAndQuotedRows()
    {
        var folder = Path.Combine(_root, "csv");

        var result = await CliRunner.RunAsync(["sync", "--out", folder, "--format", "csv", "--streams", "campaigns,activity_types"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        var text = File.ReadAllText(Path.Combine(folder, "campaigns.csv"));
        Assert.That(text, Does.StartWith("id,name,description,type,programId,programName,workspaceName,createdAt,updatedAt,active\r\n"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "activity_types.csv")), Does.Contain("\"[{\"\""));
        Assert.That(File.Exists(Path.Combine(folder, "leads.csv")), Is.False);
    }

    [Test]
    public async Task Sync_Verbose_LogsWindowsInIso8601()
    {
        var folder = Path.Combine(_root, "verbose");

        var result = await CliRunner.RunAsync(["sync", "--out", folder, "--streams", "leads", "--verbose"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(result.Error, Does.Match(
            @"Stream leads finished the window \d{4}-\d\d-\d\dT00:00:00\.0000000\+00:00 to \d{4}-\d\d-\d\dT"));
    }

    [Test]
    public async Task Sync_CancelledMidStream_LeavesEarlierFilesAndCursorsIntact()
    {
        var folder = CopyOfFirstRun("cancelled");
        var before = FolderSnapshot.Take(folder, includeHidden: false);
        using var cancellation = new CancellationTokenSource();
        var wrap = (HttpMessageHandler inner) => new CancelOnRequestHandler(inner, "/bulk/v1/leads/export/create.json", cancellation);

        var result = await CliRunner.RunAsync(
            ["sync", "--out", folder, "--full-refresh"], wrapHandler: wrap, cancellationToken: cancellation.Token);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Cancelled), result.Error);
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        var after = FolderSnapshot.Take(folder, includeHidden: false);
        Assert.That(after.Files.Keys, Is.EquivalentTo(before.Files.Keys));
        Assert.That(after.Files["leads.jsonl"], Is.EqualTo(before.Files["leads.jsonl"]));
        Assert.That(Directory.GetFiles(folder, "*.partial"), Is.Empty);
        Assert.That(CursorOf(after, "leads"), Is.EqualTo(CursorOf(before, "leads")));
    }

    [Test]
    public async Task Sync_InterruptedDuringActivities_NextRunResumesSavedJobs()
    {
        await using var emulator = new MarketoEmulator(CliRunner.CreateStandaloneOptions());
        await emulator.StartAsync();
        var folder = Path.Combine(_root, "interrupted");
        var config = WriteConfig(emulator.BaseAddress.ToString(), emulator.ClientId, emulator.ClientSecret);
        using var cancellation = new CancellationTokenSource();

        // 4 windows of leads files come first, so the 10th file request is the 6th activity file.
        var wrap = (HttpMessageHandler inner) => new CancelOnRequestHandler(inner, "/file.json", cancellation, occurrence: 10);
        var interrupted = await CliRunner.RunAsync(
            ["sync", "--out", folder, "--config", config], wrapHandler: wrap, cancellationToken: cancellation.Token);
        var saved = SavedExportIds(folder);
        var activityFilesAfterInterrupt = Directory.GetFiles(folder, "activities_*");
        var resumed = await CliRunner.RunAsync(["sync", "--out", folder, "--config", config]);

        Assert.That(interrupted.ExitCode, Is.EqualTo(ExitCodes.Cancelled), interrupted.Error);
        Assert.That(interrupted.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(interrupted.Error, Does.Contain($"{saved.Count} export jobs stay saved in"));
        Assert.That(saved, Has.Count.GreaterThanOrEqualTo(6), "the activity jobs already read must stay saved");
        Assert.That(activityFilesAfterInterrupt, Is.Empty, "activity files are committed only at the end");
        Assert.That(resumed.ExitCode, Is.EqualTo(ExitCodes.Success), resumed.Error);
        var counts = Regex.Match(resumed.Output, @"export jobs: (\d+) created, (\d+) resumed");
        Assert.That(int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture), Is.EqualTo(saved.Count));
        Assert.That(resumed.Error, Does.Not.Contain("does not know"));
        Assert.That(SavedExportIds(folder), Is.Empty);
        foreach (var stream in new[] { "leads", "activities_visit_webpage", "activities_fill_out_form", "campaigns" })
        {
            var expected = File.ReadAllLines(Path.Combine(_firstRun, stream + ".jsonl")).Order(StringComparer.Ordinal);
            var actual = File.ReadAllLines(Path.Combine(folder, stream + ".jsonl")).Order(StringComparer.Ordinal);
            Assert.That(actual, Is.EqualTo(expected), stream);
        }
    }

    [Test]
    public async Task Sync_SavedJobsUnknownToEmulator_CountsThemAsCreated()
    {
        var folder = Path.Combine(_root, "recreated");
        using var cancellation = new CancellationTokenSource();
        var wrap = (HttpMessageHandler inner) => new CancelOnRequestHandler(inner, "/file.json", cancellation, occurrence: 10);
        await CliRunner.RunAsync(["sync", "--out", folder], wrapHandler: wrap, cancellationToken: cancellation.Token);
        var saved = SavedExportIds(folder);

        // The built-in emulator starts empty on every run, so it has none of the saved jobs.
        var result = await CliRunner.RunAsync(["sync", "--out", folder, "--verbose"]);

        Assert.That(saved, Is.Not.Empty);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        Assert.That(result.Output, Does.Contain(" 0 resumed"));
        Assert.That(Regex.Matches(result.Error, "does not know saved"), Has.Count.EqualTo(saved.Count));
    }

    [Test]
    public async Task Sync_HostileActivityTypeName_IsRejectedBeforeWriting()
    {
        var folder = CopyOfFirstRun("hostile");
        var before = FolderSnapshot.Take(folder);
        var wrap = (HttpMessageHandler inner) => new RenameActivityTypeHandler(inner, "Visit Webpage", "Besuch/../../日本");

        var result = await CliRunner.RunAsync(["sync", "--out", folder], wrapHandler: wrap);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain("cannot name an output file").And.Contain("--streams"));
        before.AssertSame(FolderSnapshot.Take(folder));
        Assert.That(Directory.GetFiles(_root, "*日本*", SearchOption.AllDirectories), Is.Empty);
    }

    private string CopyOfFirstRun(string name)
    {
        Assert.That(_firstResult.ExitCode, Is.EqualTo(ExitCodes.Success), "the first sync failed: " + _firstResult.Error);
        var folder = Path.Combine(_root, name);
        FolderSnapshot.CopyFolder(_firstRun, folder);
        return folder;
    }

    private string WriteConfig(string url, string clientId, string secret)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["domain_url"] = url,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["start_date"] = EmbeddedEmulator.DatasetEnd.AddDays(-EmbeddedEmulator.HistoryDays).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["poll_interval_seconds"] = "1",
        }));
        return path;
    }

    private static HashSet<string> SavedExportIds(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "state.json")));
        return document.RootElement.GetProperty("streams").EnumerateObject()
            .Where(stream => stream.Value.TryGetProperty("pendingExports", out _))
            .SelectMany(stream => stream.Value.GetProperty("pendingExports").EnumerateArray())
            .Select(export => export.GetProperty("exportId").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string? CursorOf(FolderSnapshot snapshot, string stream)
    {
        using var document = JsonDocument.Parse(snapshot.Files["state.json"]);
        return document.RootElement.GetProperty("streams").GetProperty(stream).GetProperty("cursor").GetString();
    }

    internal static void AssertSecretAbsent(string secret, CliResult result, string? folder)
    {
        // Ignoring case, because a secret pasted into a URL comes back with its host lowercased.
        Assert.That(result.Output, Does.Not.Contain(secret).IgnoreCase);
        Assert.That(result.Error, Does.Not.Contain(secret).IgnoreCase);
        if (folder is not null && Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                Assert.That(File.ReadAllText(file), Does.Not.Contain(secret), file);
            }
        }
    }
}
