using Marketo.Extract.Streams;
using Marketo.Extract.Testing;
using Marketo.Extract.Tests.EndToEnd;

namespace Marketo.Extract.Reliability.Tests.Harness;

/// <summary>Identifies records by a key that is unique across streams, and lists the keys the emulator should yield.</summary>
internal static class RecordKeys
{
    public static string Of(ExtractedRecord record) => GroundTruth.KeyOf(record);

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
