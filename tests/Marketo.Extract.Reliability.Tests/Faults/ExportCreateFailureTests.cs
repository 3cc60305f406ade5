using Marketo.Extract.Reliability.Tests.Harness;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Reliability.Tests.Faults;

/// <summary>
/// An HTTP 5xx on export creation does not tell whether Marketo created the job, so the client does not retry it
/// blindly: the bulk engine cancels any job left in Created since the attempt, creates again, and the sync ends
/// exact without stray jobs.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[CancelAfter(60_000)]
public class ExportCreateFailureTests
{
    [TestCase(EmulatorEndpoints.LeadExportCreate, 502)]
    [TestCase(EmulatorEndpoints.ActivityExportCreate, 503)]
    public async Task HttpErrorOnCreate_RecoveredWithinTheSync(string endpoint, int status)
    {
        await using var harness = ReliabilityHarness.Create();
        harness.Emulator.Faults.ReturnHttpStatus(status, EmulatorCallMatch.ForEndpoint(endpoint, afterMatches: 1));

        var outcomes = await harness.SyncUntilDoneAsync(maxRuns: 3, _ => { });

        var records = outcomes.SelectMany(outcome => outcome.Records).ToList();
        var distinct = records.DistinctBy(RecordKeys.Of).ToList();
        FaultReport.Add(new FaultReportRow(
            $"HTTP {status} on {(endpoint == EmulatorEndpoints.LeadExportCreate ? "lead" : "activity")} export create",
            "1",
            harness.Client.Statistics.Retries,
            0,
            0,
            $"recovered in the same sync, {RecordKeys.CountDuplicates(records)} duplicates"));
        Assert.That(outcomes, Has.Count.EqualTo(1));
        Assert.That(outcomes[0].Error, Is.Null, () => outcomes[0].Error!.ToString());
        Assert.That(harness.CompareWithGroundTruth(distinct), Is.Empty);
        Assert.That(RecordKeys.CountDuplicates(records), Is.Zero, "a checkpointed window was delivered again");
        Assert.That(await harness.FindOrphanedJobsAsync(harness.Store.States.Values), Is.Empty);
    }
}
