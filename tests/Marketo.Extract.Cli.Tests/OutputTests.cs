using System.Globalization;
using Marketo.Extract.Bulk;
using Marketo.Extract.Cli.Emulator;
using Marketo.Extract.Cli.Terminal;
using Marketo.Extract.Models;
using Marketo.Extract.Streams;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Cli.Tests;

/// <summary>What the command prints around the records: progress, the summary table, warnings and log lines.</summary>
public sealed class OutputTests
{
    [Test]
    public void SummaryTable_LongFileName_RuleSpansWidestRow()
    {
        var summary = new ExtractSummary
        {
            RecordsPerStream = new Dictionary<string, long> { ["leads"] = 4_000, ["activities_fill_out_form"] = 12 },
            ApiCalls = 3,
            ExportJobsCreated = 1,
            ExportJobsResumed = 0,
            BytesDownloaded = 10,
            Elapsed = TimeSpan.FromSeconds(1),
        };
        var files = new Dictionary<string, string>
        {
            ["leads"] = "leads.jsonl",
            ["activities_fill_out_form"] = "activities_fill_out_form.jsonl",
        };
        using var output = new StringWriter();

        SummaryTable.Write(output, summary, files);

        var lines = output.ToString().Split(Environment.NewLine);
        var rules = lines.Where(line => line.StartsWith('-')).ToList();
        var rows = lines.Where(line => line.Length > 0 && !line.StartsWith('-') && !line.StartsWith("API calls", StringComparison.Ordinal));
        Assert.That(rules, Has.Count.EqualTo(2));
        Assert.That(rules[0], Is.EqualTo(rules[1]));
        Assert.That(rules[0], Has.Length.EqualTo(rows.Max(row => row.Length)));
        Assert.That(lines, Has.One.EqualTo("activities_fill_out_form       12  activities_fill_out_form.jsonl"));
        Assert.That(lines.Where(line => line.EndsWith(' ')), Is.Empty);
    }

    [Test]
    public void SyncProgress_Redirected_WritesStartsAndJobStatesOnly()
    {
        using var output = new StringWriter();
        var progress = new SyncProgress(output, interactive: false);

        progress.Report(new ExtractProgress { StreamId = "leads", StreamRecords = 0, TotalRecords = 0, Activity = "starting" });
        ReportJob(progress, BulkExportJobState.Queued);
        ReportJob(progress, BulkExportJobState.Queued);
        ReportJob(progress, BulkExportJobState.Processing);
        ReportJob(progress, BulkExportJobState.Completed);
        progress.Report(new ExtractProgress { StreamId = "leads", StreamRecords = 0, TotalRecords = 0, Activity = "reading lead export e1" });
        for (var records = 1_000; records <= 5_000; records += 1_000)
        {
            progress.Report(new ExtractProgress { StreamId = "leads", StreamRecords = records, TotalRecords = records });
        }

        progress.WriteLine("leads: 5,000 new records -> leads.jsonl");
        progress.Finish();

        Assert.That(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "leads: started",
            "leads export e1: queued (jobs: 1 queued, 0 processing, 0 completed)",
            "leads export e1: processing (jobs: 0 queued, 1 processing, 0 completed)",
            "leads export e1: completed (jobs: 0 queued, 0 processing, 1 completed)",
            "leads: 5,000 new records -> leads.jsonl",
        }));
    }

    [Test]
    public async Task Sync_WarningOnSuccess_IsWrittenAfterTheRun()
    {
        var folder = Path.Combine(Path.GetTempPath(), "marketo-extract-output-" + Guid.NewGuid().ToString("N"));

        try
        {
            var result = await CliRunner.RunAsync(
                ["sync", "--out", folder, "--streams", "leads"],
                configureEmulator: options => options.SupportsUpdatedAtFilter = false);

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
            Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.StartWith("marketo-extract: warning: ").And.Contain("updatedAt"));
            Assert.That(result.Output, Does.Not.Contain("updatedAt"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Check_WrongCredentials_PrintsOnlyTheErrorLine()
    {
        await using var emulator = await StartEmulatorAsync();

        var result = await CliRunner.RunAsync(["check"], WrongCredentials(emulator));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Authentication), result.Error);
        Assert.That(result.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.StartWith("marketo-extract: ").And.Contain("client_id and client_secret"));
        Assert.That(result.Output, Is.Empty);
    }

    [Test]
    public async Task Check_WrongCredentialsVerbose_LogsThenErrorLine()
    {
        await using var emulator = await StartEmulatorAsync();

        var result = await CliRunner.RunAsync(["check", "--verbose"], WrongCredentials(emulator));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Authentication), result.Error);
        Assert.That(result.ErrorLines, Has.Length.EqualTo(2));
        Assert.That(result.ErrorLines[0], Does.Match(@"^\d\d:\d\d:\d\d warn: The Marketo identity service rejected"));
        Assert.That(result.ErrorLines[1], Does.StartWith("marketo-extract: "));
        Assert.That(result.Output, Is.Empty);
    }

    private static void ReportJob(SyncProgress progress, BulkExportJobState state) =>
        progress.Report(new BulkExportProgress { ExportId = "e1", Kind = BulkExportObject.Leads, State = state });

    private static async Task<MarketoEmulator> StartEmulatorAsync()
    {
        var emulator = new MarketoEmulator(CliRunner.CreateStandaloneOptions());
        await emulator.StartAsync();
        return emulator;
    }

    private static Dictionary<string, string> WrongCredentials(MarketoEmulator emulator) => new()
    {
        ["MARKETO_DOMAIN_URL"] = emulator.BaseAddress.ToString(),
        ["MARKETO_CLIENT_ID"] = emulator.ClientId,
        ["MARKETO_CLIENT_SECRET"] = emulator.ClientSecret + "-wrong",
        ["MARKETO_START_DATE"] = EmbeddedEmulator.DatasetEnd.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
