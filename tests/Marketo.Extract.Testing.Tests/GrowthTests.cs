using System.Globalization;
using System.Text;

namespace Marketo.Extract.Testing.Tests;

public sealed class GrowthTests
{
    private static readonly DateTimeOffset GrowthEnd = EmulatorHarness.Start.AddDays(1);

    [Test]
    public async Task Grow_NewLeadsExportedByCreatedAt()
    {
        await using var harness = EmulatorHarness.Create();

        var growth = harness.Emulator.Dataset.Grow(newLeads: 10, updatedLeads: 5, newActivities: 50, at: GrowthEnd);
        byte[] bytes = await harness.ExportBytesAsync("leads", EmulatorHarness.LeadCreatedBody(EmulatorHarness.Start.AddSeconds(1), GrowthEnd));

        Assert.That(growth.NewLeadIds, Has.Count.EqualTo(10));
        Assert.That(Ids(bytes), Is.EqualTo(growth.NewLeadIds));
        Assert.That(harness.Emulator.Dataset.End, Is.EqualTo(GrowthEnd));
    }

    [Test]
    public async Task Grow_UpdatedAndNewLeadsExportedByUpdatedAt()
    {
        await using var harness = EmulatorHarness.Create();

        var growth = harness.Emulator.Dataset.Grow(newLeads: 10, updatedLeads: 5, newActivities: 50, at: GrowthEnd);
        string body = """{"fields":["id"],"filter":""" +
            EmulatorHarness.CreatedAtFilter(EmulatorHarness.Start.AddSeconds(1), GrowthEnd).Replace("createdAt", "updatedAt", StringComparison.Ordinal) + "}";
        byte[] bytes = await harness.ExportBytesAsync("leads", body);

        Assert.That(Ids(bytes), Is.EquivalentTo(growth.NewLeadIds.Concat(growth.UpdatedLeadIds)));
        var updated = harness.Emulator.Dataset.Leads.Where(l => growth.UpdatedLeadIds.Contains(l.Id)).ToList();
        Assert.That(updated.Select(l => l.FieldsUpdatedAt), Is.All.GreaterThan(growth.From).And.All.LessThanOrEqualTo(growth.To));
    }

    [Test]
    public async Task Grow_NewActivitiesExportedByCreatedAt()
    {
        await using var harness = EmulatorHarness.Create();

        var growth = harness.Emulator.Dataset.Grow(newLeads: 3, updatedLeads: 0, newActivities: 40, at: GrowthEnd, deletedLeads: 2);
        byte[] bytes = await harness.ExportBytesAsync("activities", EmulatorHarness.ActivityBody(EmulatorHarness.Start.AddSeconds(1), GrowthEnd));

        var guids = CsvReaderRows(bytes).Select(r => r[0]);
        Assert.That(guids, Is.EqualTo(growth.NewActivities.Select(a => a.MarketoGuid)));
        Assert.That(harness.Emulator.Dataset.DeletedLeads.TakeLast(2).Select(d => d.LeadId), Is.EqualTo(growth.DeletedLeadIds));
        Assert.That(harness.Emulator.Dataset.Leads.Select(l => l.Id), Has.None.AnyOf(growth.DeletedLeadIds.Cast<object>().ToArray()));
        Assert.That(growth.UpdatedCampaignIds, Is.Not.Empty);
        Assert.That(growth.UpdatedProgramIds, Is.Not.Empty);
        Assert.That(growth.UpdatedStaticListIds, Is.Not.Empty);
    }

    [Test]
    public async Task Grow_CompletedFileUnchanged()
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(EmulatorHarness.Start.AddDays(-30), GrowthEnd));
        using var before = await harness.GetFileAsync("leads", id);
        byte[] first = await before.Content.ReadAsByteArrayAsync();

        harness.Emulator.Dataset.Grow(newLeads: 10, updatedLeads: 10, newActivities: 10, at: GrowthEnd);
        using var after = await harness.GetFileAsync("leads", id);

        Assert.That(await after.Content.ReadAsByteArrayAsync(), Is.EqualTo(first));
    }

    [Test]
    public async Task Grow_SameSeed_SameChanges()
    {
        await using var first = EmulatorHarness.Create();
        await using var second = EmulatorHarness.Create();

        var a = first.Emulator.Dataset.Grow(5, 5, 20, GrowthEnd);
        var b = second.Emulator.Dataset.Grow(5, 5, 20, GrowthEnd);

        Assert.That(b.UpdatedLeadIds, Is.EqualTo(a.UpdatedLeadIds));
        Assert.That(b.NewActivities, Is.EqualTo(a.NewActivities).Using<EmulatedActivity>(SameActivity));
        var leadA = first.Emulator.Dataset.Leads.Single(l => l.Id == a.NewLeadIds[0]);
        var leadB = second.Emulator.Dataset.Leads.Single(l => l.Id == b.NewLeadIds[0]);
        Assert.That(leadB.Values, Is.EquivalentTo(leadA.Values));
    }

    [Test]
    public async Task Grow_NotAfterEnd_Throws()
    {
        await using var harness = EmulatorHarness.Create();

        Assert.That(() => harness.Emulator.Dataset.Grow(1, 0, 0, EmulatorHarness.Start), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => harness.Emulator.Dataset.Grow(0, 100_000, 0, GrowthEnd), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private static bool SameActivity(EmulatedActivity x, EmulatedActivity y) =>
        x.MarketoGuid == y.MarketoGuid && x.LeadId == y.LeadId && x.ActivityDate == y.ActivityDate &&
        x.Attributes.SequenceEqual(y.Attributes);

    private static List<List<string>> CsvReaderRows(byte[] bytes) => [.. CsvReader.Parse(Encoding.UTF8.GetString(bytes)).Skip(1)];

    private static List<long> Ids(byte[] bytes) =>
        [.. CsvReaderRows(bytes).Select(r => long.Parse(r[0], CultureInfo.InvariantCulture))];
}
