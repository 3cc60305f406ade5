using Marketo.Extract.Models;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;
using Marketo.Extract.Testing;
using Marketo.Extract.Tests.EndToEnd;

namespace Marketo.Extract.Reliability.Tests.Harness;

/// <summary>Identifies records by a key that is unique across streams, and lists the keys the emulator should yield.</summary>
internal static class RecordKeys
{
    public static string Of(ExtractedRecord record) => record.Value switch
    {
        MarketoRecord { Schema.Name: StreamIds.Leads } lead => "lead:" + lead[GroundTruth.IndexOfSource(lead.Schema, "id")],
        MarketoRecord activity => "activity:" + activity[0],
        Campaign campaign => "campaign:" + campaign.Id,
        StaticList list => "list:" + list.Id,
        MarketoProgram program => "program:" + program.Id,
        ActivityType type => "type:" + type.Id,
        LeadActivity deleted => "deleted:" + deleted.MarketoGuid,
        _ => throw new AssertionException($"Unexpected record type {record.Value.GetType()}"),
    };

    /// <summary>The keys of every record a first sync from <paramref name="startDate"/> must deliver.</summary>
    public static HashSet<string> Expected(EmulatedDataset dataset, DateTimeOffset startDate)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        keys.UnionWith(dataset.ActivityTypes.Select(type => "type:" + type.Id));
        keys.UnionWith(dataset.Campaigns.Where(c => c.UpdatedAt >= startDate).Select(c => "campaign:" + c.Id));
        keys.UnionWith(dataset.StaticLists.Where(l => l.UpdatedAt >= startDate).Select(l => "list:" + l.Id));
        keys.UnionWith(dataset.Programs.Where(p => p.UpdatedAt >= startDate).Select(p => "program:" + p.Id));
        keys.UnionWith(dataset.DeletedLeads.Select(activity => "deleted:" + activity.MarketoGuid));
        keys.UnionWith(dataset.Leads.Select(lead => "lead:" + lead.Id));
        keys.UnionWith(dataset.Activities
            .Where(activity => activity.ActivityTypeId != DeleteLeadTypeId)
            .Select(activity => "activity:" + activity.MarketoGuid));
        return keys;
    }

    /// <summary>
    /// Counts records delivered more than once, leaving out activity types: that stream is read whole on every sync
    /// by design, so each run delivers it again.
    /// </summary>
    public static int CountDuplicates(IEnumerable<ExtractedRecord> records)
    {
        var keys = records.Where(record => record.StreamId != StreamIds.ActivityTypes).Select(Of).ToList();
        return keys.Count - keys.Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>The Delete Lead activity type, read by the deleted-leads stream rather than bulk export.</summary>
    public const int DeleteLeadTypeId = 37;
}
