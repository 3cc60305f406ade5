using Marketo.Extract.Models;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Tests.EndToEnd;

[Parallelizable(ParallelScope.Self)]
public class SyncEndToEndTests
{
    [Test]
    public async Task FirstSync_ReturnsExactlyTheEmulatorRecords()
    {
        await using var harness = EmulatorHarness.Create();
        var dataset = harness.Emulator.Dataset;

        var result = await harness.SyncAsync();

        Assert.That(result.Of<ActivityType>(StreamIds.ActivityTypes).Select(type => type.Id),
            Is.EquivalentTo(dataset.ActivityTypes.Select(type => type.Id)));
        var start = harness.StartDate;
        Assert.That(result.Of<Campaign>(StreamIds.Campaigns).Select(campaign => campaign.Id),
            Is.EquivalentTo(dataset.Campaigns.Where(campaign => campaign.UpdatedAt >= start).Select(campaign => campaign.Id)));
        Assert.That(result.Of<StaticList>(StreamIds.Lists).Select(list => list.Id),
            Is.EquivalentTo(dataset.StaticLists.Where(list => list.UpdatedAt >= start).Select(list => list.Id)));
        Assert.That(result.Of<MarketoProgram>(StreamIds.Programs).Select(program => program.Id),
            Is.EquivalentTo(dataset.Programs.Where(program => program.UpdatedAt >= start).Select(program => program.Id)));
        Assert.That(result.Of<LeadActivity>(StreamIds.DeletedLeads).Select(activity => activity.MarketoGuid),
            Is.EquivalentTo(dataset.DeletedLeads.Select(activity => activity.MarketoGuid)));
        Assert.That(GroundTruth.CompareLeads(result.RecordsOf(StreamIds.Leads), dataset.Leads), Is.Empty);
        var activities = result.Records.Where(pair => pair.Key.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal))
            .SelectMany(pair => pair.Value.Cast<MarketoRecord>());
        Assert.That(GroundTruth.CompareActivities(activities, dataset.Activities.Where(a => a.ActivityTypeId != 37)), Is.Empty);
    }

    [Test]
    public async Task FirstSync_RoutesEachActivityToItsTypeStream()
    {
        await using var harness = EmulatorHarness.Create();

        var result = await harness.SyncAsync();

        foreach (var (streamId, records) in result.Records.Where(pair => pair.Key.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal)))
        {
            var typeIds = records.Cast<MarketoRecord>().Select(record => record[3]).Distinct().ToList();
            Assert.That(typeIds, Has.Count.EqualTo(1), streamId);
        }

        Assert.That(result.Records.Keys.Count(key => key.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal)), Is.GreaterThan(10));
    }

    [Test]
    public async Task FirstSync_GroupsActivityTypesTenPerJob()
    {
        await using var harness = EmulatorHarness.Create();
        var activityStreams = (await harness.CreateExtractor().DiscoverAsync())
            .Count(stream => stream.Id.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal));

        var result = await harness.SyncAsync();

        var windows = 3;
        var leadJobs = windows;
        var activityJobs = windows * (int)Math.Ceiling(activityStreams / 10.0);
        Assert.That(result.Summary.ExportJobsCreated, Is.EqualTo(leadJobs + activityJobs));
    }

    [Test]
    public async Task SecondSync_WithNoNewData_ReturnsNothing()
    {
        await using var harness = EmulatorHarness.Create();
        await harness.SyncAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(10));

        var second = await harness.SyncAsync();

        var incremental = second.Records.Where(pair => pair.Key != StreamIds.ActivityTypes && pair.Value.Count > 0)
            .Select(pair => $"{pair.Key}: {pair.Value.Count}");
        Assert.That(incremental, Is.Empty);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task SyncAfterGrowth_ReturnsExactlyNewAndChangedRecords(bool supportsUpdatedAtFilter)
    {
        await using var harness = EmulatorHarness.Create(seed: 11, supportsUpdatedAtFilter: supportsUpdatedAtFilter);
        await harness.SyncAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(30));
        var growth = harness.Emulator.Dataset.Grow(
            newLeads: 25, updatedLeads: 15, newActivities: 200, at: harness.Clock.GetUtcNow().AddMinutes(-1), deletedLeads: 3);

        var second = await harness.SyncAsync();

        var dataset = harness.Emulator.Dataset;
        var expectedLeadIds = supportsUpdatedAtFilter
            ? growth.NewLeadIds.Concat(growth.UpdatedLeadIds).ToHashSet()
            : growth.NewLeadIds.ToHashSet();
        Assert.That(GroundTruth.CompareLeads(second.RecordsOf(StreamIds.Leads), dataset.Leads.Where(lead => expectedLeadIds.Contains(lead.Id))), Is.Empty);
        var activities = second.Records.Where(pair => pair.Key.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal))
            .SelectMany(pair => pair.Value.Cast<MarketoRecord>());
        Assert.That(GroundTruth.CompareActivities(activities, growth.NewActivities.Where(a => a.ActivityTypeId != 37)), Is.Empty);
        Assert.That(second.Of<Campaign>(StreamIds.Campaigns).Select(c => c.Id),
            Is.EquivalentTo(growth.UpdatedCampaignIds));
        Assert.That(second.Of<StaticList>(StreamIds.Lists).Select(l => l.Id),
            Is.EquivalentTo(growth.UpdatedStaticListIds));
        Assert.That(second.Of<MarketoProgram>(StreamIds.Programs).Select(p => p.Id),
            Is.EquivalentTo(growth.UpdatedProgramIds));
        Assert.That(second.Of<LeadActivity>(StreamIds.DeletedLeads), Has.Count.EqualTo(growth.DeletedLeadIds.Count));
    }

    [Test]
    public async Task LeadsFilterRejected_FallsBackToCreatedAtAndRemembersIt()
    {
        await using var harness = EmulatorHarness.Create(supportsUpdatedAtFilter: false);

        var result = await harness.SyncAsync([StreamIds.Leads]);

        Assert.That(GroundTruth.CompareLeads(result.RecordsOf(StreamIds.Leads), harness.Emulator.Dataset.Leads), Is.Empty);
        Assert.That(harness.Store.States[StreamIds.Leads].LeadsFilter, Is.EqualTo(LeadsFilterMode.CreatedAt));
    }

    [Test]
    public async Task Sync_SavesNoPendingExportsOnceDone()
    {
        await using var harness = EmulatorHarness.Create();

        await harness.SyncAsync();

        Assert.That(harness.Store.States.Values.SelectMany(state => state.PendingExports), Is.Empty);
    }
}
