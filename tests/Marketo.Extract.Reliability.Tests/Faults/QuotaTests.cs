using Marketo.Extract.Reliability.Tests.Harness;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Reliability.Tests.Faults;

/// <summary>
/// Uses up Marketo's daily quotas mid-sync: the sync must stop with <see cref="MarketoQuotaExceededException"/>,
/// and once the clock passes midnight in Chicago the next sync must go on from the saved state and lose nothing.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[CancelAfter(60_000)]
public class QuotaTests
{
    [Test]
    public async Task DailyCallQuota607_StopsTyped_NextDayCompletes()
    {
        await using var harness = ReliabilityHarness.Create(configureEmulator: options => options.DailyCallQuota = 35);

        var outcomes = await harness.SyncUntilDoneAsync(maxRuns: 20, outcome => MovePastReset(harness, outcome));

        AssertStoppedTypedThenCompleted(harness, outcomes, MarketoQuotaKind.DailyApiCalls, "607 daily call quota");
    }

    [Test]
    public async Task DailyExportQuota1029_StopsTyped_NextDayCompletes()
    {
        var totalBytes = await MeasureExportBytesAsync();
        await using var harness = ReliabilityHarness.Create(
            configureEmulator: options => options.DailyExportQuotaBytes = totalBytes / 3);

        var outcomes = await harness.SyncUntilDoneAsync(maxRuns: 8, outcome => MovePastReset(harness, outcome));

        AssertStoppedTypedThenCompleted(harness, outcomes, MarketoQuotaKind.DailyExportVolume, "1029 daily export quota");
    }

    [Test]
    public async Task ExportQuotaUsedUpByOthers_StopsTyped_NextDayCompletes()
    {
        await using var harness = ReliabilityHarness.Create();
        harness.Emulator.Faults.ExhaustExportQuota();

        var outcomes = await harness.SyncUntilDoneAsync(maxRuns: 3, outcome => MovePastReset(harness, outcome));

        AssertStoppedTypedThenCompleted(harness, outcomes, MarketoQuotaKind.DailyExportVolume, "export quota used up by others");
    }

    private static void MovePastReset(ReliabilityHarness harness, SyncOutcome outcome)
    {
        if (outcome.Error is MarketoQuotaExceededException quota)
        {
            harness.Clock.Advance(quota.ResetsAt - harness.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        }
    }

    private static void AssertStoppedTypedThenCompleted(
        ReliabilityHarness harness,
        List<SyncOutcome> outcomes,
        MarketoQuotaKind expectedQuota,
        string fault)
    {
        var records = outcomes.SelectMany(outcome => outcome.Records).ToList();
        var distinct = records.DistinctBy(RecordKeys.Of).ToList();
        var stops = outcomes.Count - 1;
        FaultReport.Add(new FaultReportRow(
            fault,
            $"{stops} stops",
            harness.Client.Statistics.Retries,
            0,
            0,
            outcomes[^1].Error is null
                ? $"resumed {stops}x, {RecordKeys.CountDuplicates(records)} duplicates, {distinct.Count} records"
                : "FAILED: " + outcomes[^1].Error!.GetType().Name));
        Assert.That(outcomes[^1].Error, Is.Null, () => outcomes[^1].Error!.ToString());
        Assert.That(stops, Is.GreaterThan(0), "the quota never ran out");
        foreach (var stopped in outcomes.Take(stops))
        {
            Assert.That(stopped.Error, Is.TypeOf<MarketoQuotaExceededException>(), () => stopped.Error!.ToString());
            var quota = (MarketoQuotaExceededException)stopped.Error!;
            Assert.That(quota.Quota, Is.EqualTo(expectedQuota));
            Assert.That(quota.ResetsAt.Offset, Is.EqualTo(TimeSpan.Zero));
        }

        Assert.That(harness.CompareWithGroundTruth(distinct), Is.Empty);
        Assert.That(RecordKeys.CountDuplicates(records), Is.LessThanOrEqualTo(stops * LargestStream(distinct)));
    }

    private static int LargestStream(IEnumerable<ExtractedRecord> records) =>
        records.GroupBy(record => record.StreamId).Max(group => group.Count());

    private static async Task<long> MeasureExportBytesAsync()
    {
        await using var harness = ReliabilityHarness.Create();
        var outcome = await harness.SyncAsync();
        Assert.That(outcome.Error, Is.Null);
        return harness.Emulator.Statistics.BytesExported;
    }
}
