using Marketo.Extract.Records;
using Marketo.Extract.Tests.EndToEnd;
using Marketo.Extract.Reliability.Tests.Harness;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Reliability.Tests.Crashes;

/// <summary>
/// Stops syncs at random points, by crashing the process at a save or by the consumer stopping mid-stream, and runs
/// again with the same store until a sync completes: together the runs must deliver every record, repeat at most
/// what each stop left unsaved, and leave no export job behind on the emulator.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[CancelAfter(120_000)]
public class CrashResumeTests
{
    private const int MaxRuns = 80;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task RandomCrashesAndStops_UnionIsGroundTruth_LeavesNoOpenJob(int seed)
    {
        var store = new CrashingCursorStore();
        await using var harness = ReliabilityHarness.Create(
            seed: 30 + seed,
            wrapHandler: inner => new CrashAwareHandler(() => store.Crashed) { InnerHandler = inner });
        var random = new Random(seed);
        var delivered = new List<ExtractedRecord>();
        var stops = new List<string>();

        while (stops.Count < MaxRuns)
        {
            var stop = NextStop(random);
            store.Restart(stop.CrashAtSave is { } n ? (save, _, _) => save == n : null);
            if (await RunAsync(harness, store, delivered, stop.StopAfterRecords))
            {
                break;
            }

            stops.Add(stop.Describe());
        }

        var distinct = delivered.DistinctBy(RecordKeys.Of).ToList();
        var duplicates = RecordKeys.CountDuplicates(delivered);
        var largestUnit = Math.Max(
            distinct.GroupBy(record => record.StreamId).Max(group => group.Count()),
            LargestActivityFile(distinct, harness.StartDate));
        var orphans = await harness.FindOrphanedJobsAsync(store.States.Values);
        TestContext.Out.WriteLine(
            $"stops: {stops.Count} ({string.Join(", ", stops)}); delivered {delivered.Count}, duplicates {duplicates} " +
            $"(at most {largestUnit} per stop), " +
            $"jobs left in Created: {orphans.Count}");
        Assert.That(stops, Has.Count.LessThan(MaxRuns), "the sync never completed");
        Assert.That(stops, Is.Not.Empty);
        Assert.That(harness.CompareWithGroundTruth(distinct), Is.Empty);
        Assert.That(duplicates, Is.LessThanOrEqualTo(stops.Count * largestUnit));
        Assert.That(store.States.Values.SelectMany(state => state.PendingExports), Is.Empty);

        // A crash while a job is created, or before its id is saved, leaves that job in Created on Marketo, where it
        // costs no export quota and takes no queue slot. So does a consumer's stop that lands while a create call is
        // in flight: the call is cancelled after Marketo received it, and its job's id never arrives. The scheduler
        // creates one job at a time, so each stop leaves at most one, and nothing may be left queued or processing.
        Assert.That(orphans, Has.Count.LessThanOrEqualTo(stops.Count));
        Assert.That(orphans, Has.All.Contains(" is Created "));
    }

    [Test]
    public async Task CrashBetweenJobCreationAndItsSave_NextRunCompletes_LeavesOnlyCreatedJob()
    {
        var store = new CrashingCursorStore();
        await using var harness = ReliabilityHarness.Create(
            wrapHandler: inner => new CrashAwareHandler(() => store.Crashed) { InnerHandler = inner });
        var delivered = new List<ExtractedRecord>();

        store.Restart((_, _, state) => state.PendingExports.Count > 0);
        var firstCompleted = await RunAsync(harness, store, delivered, stopAfterRecords: null);
        store.Restart(null);
        var secondCompleted = await RunAsync(harness, store, delivered, stopAfterRecords: null);

        var distinct = delivered.DistinctBy(RecordKeys.Of).ToList();
        var orphans = await harness.FindOrphanedJobsAsync(store.States.Values);
        TestContext.Out.WriteLine($"after a crash at the save of a new export id: {string.Join("; ", orphans)}");
        Assert.That(firstCompleted, Is.False);
        Assert.That(secondCompleted, Is.True);
        Assert.That(harness.CompareWithGroundTruth(distinct), Is.Empty);
        Assert.That(RecordKeys.CountDuplicates(delivered), Is.Zero);

        // The job was created on Marketo but its id never reached the store. The scheduler enqueues a job only
        // after its id is saved, so the job stays in Created, which costs no export quota and takes no queue slot.
        Assert.That(orphans, Has.Count.LessThanOrEqualTo(1));
        Assert.That(orphans, Has.All.Contains(" is Created "));
    }

    private static async Task<bool> RunAsync(
        ReliabilityHarness harness,
        CrashingCursorStore store,
        List<ExtractedRecord> delivered,
        int? stopAfterRecords)
    {
        var count = 0;
        try
        {
            await foreach (var record in harness.CreateExtractor(store).ReadAsync())
            {
                // The consumer stores each record before asking for the next one.
                delivered.Add(record);
                if (++count == stopAfterRecords)
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (store.Crashed)
        {
            harness.Exceptions.Add(ex);
            return false;
        }
    }

    /// <summary>
    /// Returns the most records one activity export file can hold: the 10 fullest types of the fullest window. A file
    /// holds up to 10 activity types of one window, and their cursors move only after the whole file. A stop inside a
    /// file therefore repeats what the consumer took of it, which can be more than any one stream holds.
    /// </summary>
    private static int LargestActivityFile(IEnumerable<ExtractedRecord> records, DateTimeOffset startDate)
    {
        var windowDays = EmulatorSetup.CreateExtractOptions(startDate).WindowInDays;
        return records
            .Where(record => record.StreamId.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal))
            .GroupBy(record => (int)((((DateTimeOffset)((MarketoRecord)record.Value)["activity_date"]!) - startDate)
                .TotalDays / windowDays))
            .Select(window => window
                .GroupBy(record => record.StreamId)
                .Select(type => type.Count())
                .OrderDescending()
                .Take(10)
                .Sum())
            .DefaultIfEmpty(0)
            .Max();
    }

    private static Stop NextStop(Random random) => random.Next(2) == 0
        ? new Stop(random.Next(1, 60), null)
        : new Stop(null, random.Next(1, 2500));

    private sealed record Stop(int? CrashAtSave, int? StopAfterRecords)
    {
        public string Describe() => CrashAtSave is { } save ? $"crash at save {save}" : $"stop after {StopAfterRecords}";
    }
}
