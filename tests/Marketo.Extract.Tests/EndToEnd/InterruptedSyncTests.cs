using System.Collections.Concurrent;
using Marketo.Extract.Bulk;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Tests.EndToEnd;

/// <summary>
/// Syncs cancelled after some export windows were read and later ones had completed on Marketo: the next sync must
/// read the saved jobs' files instead of exporting those windows again, and count each job the way it was obtained.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public class InterruptedSyncTests
{
    [Test]
    public async Task Rerun_AfterCancelWithCompletedWindows_ResumesTheirJobsAndLosesNothing()
    {
        await using var harness = EmulatorHarness.Create(seed: 41);
        var committed = new List<MarketoRecord>();

        var cancelled = await SyncUntilSecondActivityWindowAsync(harness, committed);
        var saved = SavedExportIds(harness.Store);
        var jobsBefore = harness.Emulator.GetExportJobs().Count;
        var second = await SyncCommittingAtCheckpointsAsync(harness.CreateExtractor(), committed, CancellationToken.None);

        Assert.That(cancelled, Is.True, "the first sync was not cancelled mid-way");
        Assert.That(saved, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(second.ExportJobsResumed, Is.EqualTo(saved.Count));

        // A full sync needs one leads job and one job per type group for each of the 3 windows. Beyond that, only
        // jobs cancelled while queued, and the short window between the two syncs' "now", may add jobs.
        var jobs = harness.Emulator.GetExportJobs();
        var groups = ActivityGroupsOf(harness);
        Assert.That(jobs.Count - jobsBefore, Is.EqualTo(second.ExportJobsCreated));
        Assert.That(jobs.Count(job => job.Status != "Cancelled"), Is.InRange(3 * (1 + groups), 4 * (1 + groups)));
        var dataset = harness.Emulator.Dataset;
        var leads = committed.Where(record => record.Schema.Name == StreamIds.Leads);
        var activities = committed.Where(record => record.Schema.Name.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal));
        Assert.That(GroundTruth.CompareLeads(leads, dataset.Leads), Is.Empty);
        Assert.That(GroundTruth.CompareActivities(activities, dataset.Activities.Where(a => a.ActivityTypeId != 37)), Is.Empty);
        Assert.That(harness.Store.States.Values.SelectMany(state => state.PendingExports), Is.Empty);
    }

    [Test]
    public async Task Rerun_SavedJobsUnknownToMarketo_CountsThemAsCreated()
    {
        await using var harness = EmulatorHarness.Create(seed: 42);
        await SyncUntilSecondActivityWindowAsync(harness, []);
        var saved = SavedExportIds(harness.Store);
        await ReplaceSavedExportIdsAsync(harness.Store);
        var jobsBefore = harness.Emulator.GetExportJobs().Count;

        var summary = await SyncCommittingAtCheckpointsAsync(harness.CreateExtractor(), [], CancellationToken.None);

        Assert.That(saved, Is.Not.Empty);
        Assert.That(summary.ExportJobsResumed, Is.Zero);
        Assert.That(summary.ExportJobsCreated, Is.EqualTo(harness.Emulator.GetExportJobs().Count - jobsBefore));
        Assert.That(summary.ExportJobsCreated, Is.GreaterThanOrEqualTo(saved.Count));
    }

    [Test]
    public async Task Sync_EachJobLeavesStateOnlyWhenTheCursorPassesItsWindow()
    {
        await using var harness = EmulatorHarness.Create(seed: 43);
        var store = new RecordingCursorStore();

        await harness.SyncAsync([StreamIds.Leads, "activities_visit_webpage"], store);

        var checkedSaves = 0;
        foreach (var (streamId, saves) in store.Saves)
        {
            for (var index = 1; index < saves.Count; index++)
            {
                var kept = saves[index].PendingExports.Select(export => export.ExportId).ToHashSet(StringComparer.Ordinal);
                foreach (var dropped in saves[index - 1].PendingExports.Where(export => !kept.Contains(export.ExportId)))
                {
                    checkedSaves++;
                    Assert.That(saves[index].Cursor, Is.GreaterThanOrEqualTo(dropped.WindowEnd!.Value), $"{streamId} {dropped.Key}");
                }
            }
        }

        Assert.That(checkedSaves, Is.GreaterThanOrEqualTo(2));
    }

    /// <summary>
    /// Syncs until the records of a second activity window arrive, then waits until at least 3 jobs are saved and the
    /// scheduler has seen every job it created complete on Marketo, and cancels. Waiting for saved jobs, not just for
    /// completed ones, keeps a slow machine from cancelling before the jobs of later windows exist.
    /// </summary>
    private static async Task<bool> SyncUntilSecondActivityWindowAsync(EmulatorHarness harness, List<MarketoRecord> committed)
    {
        using var cancellation = new CancellationTokenSource();
        var jobStates = new ConcurrentDictionary<string, BulkExportJobState>(StringComparer.Ordinal);
        var options = harness.CreateOptions();
        options.Bulk.Progress = new SynchronousProgress<BulkExportProgress>(job => jobStates[job.ExportId] = job.State);
        var extractor = new MarketoExtractor(harness.Client, harness.Store, options, harness.Clock);
        async Task CancelOnceJobsCompletedAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (SavedExportIds(harness.Store).Count < 3
                || jobStates.Values.Any(state => state != BulkExportJobState.Completed))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the export jobs ahead were never saved and completed");
                await Task.Delay(5);
            }

            await cancellation.CancelAsync();
        }

        try
        {
            await SyncCommittingAtCheckpointsAsync(extractor, committed, cancellation.Token, CancelOnceJobsCompletedAsync);
            return false;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return true;
        }
    }

    /// <summary>
    /// Reads every stream in batches and keeps a stream's records only once a checkpoint covers them, as a consumer
    /// that commits output and cursor together does. Calls <paramref name="cancelMidway"/>, which cancels, when the
    /// records of a second activity window arrive.
    /// </summary>
    private static async Task<ExtractSummary> SyncCommittingAtCheckpointsAsync(
        MarketoExtractor extractor,
        List<MarketoRecord> committed,
        CancellationToken cancellationToken,
        Func<Task>? cancelMidway = null)
    {
        var uncommitted = new Dictionary<string, List<MarketoRecord>>(StringComparer.Ordinal);
        var activityCheckpoints = 0;
        await foreach (var batch in extractor.ReadBatchesAsync(maxBatchSize: 25, cancellationToken: cancellationToken))
        {
            var isActivity = batch.StreamId.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal);
            if (cancelMidway is not null && isActivity && activityCheckpoints > 0 && batch.Records.Count > 0)
            {
                // The batch is dropped uncommitted, as a consumer stopped before storing it would.
                await cancelMidway();
                continue;
            }

            var pending = uncommitted.TryGetValue(batch.StreamId, out var list) ? list : uncommitted[batch.StreamId] = [];
            pending.AddRange(batch.Records.Select(record => record.Value).OfType<MarketoRecord>());
            if (batch.Checkpoint is not null)
            {
                committed.AddRange(pending);
                pending.Clear();
                activityCheckpoints += isActivity ? 1 : 0;
            }
        }

        return extractor.LastSummary!;
    }

    private static HashSet<string> SavedExportIds(InMemoryCursorStore store) =>
        store.States.Values.SelectMany(state => state.PendingExports).Select(export => export.ExportId)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Gives every saved job an export id that Marketo never issued, as if its jobs were gone.</summary>
    private static async Task ReplaceSavedExportIdsAsync(InMemoryCursorStore store)
    {
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (streamId, state) in store.States)
        {
            PendingExport[] replaced = [.. state.PendingExports.Select(export => export with
            {
                ExportId = replacements.TryGetValue(export.ExportId, out var id)
                    ? id
                    : replacements[export.ExportId] = Guid.NewGuid().ToString(),
            })];
            await store.SaveAsync(streamId, state with { PendingExports = replaced });
        }
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so no report arrives late.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static int ActivityGroupsOf(EmulatorHarness harness) =>
        (int)Math.Ceiling(harness.Emulator.Dataset.ActivityTypes.Count(type => type.Id != 37) / 10.0);

    /// <summary>An in-memory store that keeps every saved state of every stream, in order.</summary>
    private sealed class RecordingCursorStore : ICursorStore
    {
        public Dictionary<string, List<StreamState>> Saves { get; } = new(StringComparer.Ordinal);

        public ValueTask<StreamState?> LoadAsync(string streamId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Saves.TryGetValue(streamId, out var saves) ? saves[^1] : null);

        public ValueTask SaveAsync(string streamId, StreamState state, CancellationToken cancellationToken = default)
        {
            (Saves.TryGetValue(streamId, out var saves) ? saves : Saves[streamId] = []).Add(state);
            return ValueTask.CompletedTask;
        }
    }
}
