using System.Globalization;
using Marketo.Extract.Models;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Tests.EndToEnd;

/// <summary>Compares extracted records with the emulator's dataset, value by value, and lists every difference.</summary>
internal static class GroundTruth
{
    public static List<string> CompareLeads(IEnumerable<MarketoRecord> records, IEnumerable<EmulatedLead> expected)
    {
        var differences = new List<string>();
        var byId = expected.ToDictionary(lead => lead.Id);
        foreach (var record in records)
        {
            var id = (long)record[IndexOfSource(record.Schema, "id")]!;
            if (!byId.Remove(id, out var lead))
            {
                differences.Add($"lead {id} was extracted but is not expected");
                continue;
            }

            for (var ordinal = 0; ordinal < record.Schema.Fields.Count; ordinal++)
            {
                var field = record.Schema.Fields[ordinal];
                var expectedValue = lead.Values.GetValueOrDefault(field.SourceName);
                Check(differences, $"lead {id} field {field.SourceName}", expectedValue, record[ordinal]);
            }
        }

        differences.AddRange(byId.Keys.Select(id => $"lead {id} is missing"));
        return differences;
    }

    public static List<string> CompareActivities(IEnumerable<MarketoRecord> records, IEnumerable<EmulatedActivity> expected)
    {
        var differences = new List<string>();
        var byGuid = expected.ToDictionary(activity => activity.MarketoGuid, StringComparer.Ordinal);
        foreach (var record in records)
        {
            var guid = (string)record[0]!;
            if (!byGuid.Remove(guid, out var activity))
            {
                differences.Add($"activity {guid} was extracted but is not expected");
                continue;
            }

            var what = $"activity {guid} ({record.Schema.Name})";
            Check(differences, what + " leadId", activity.LeadId, record[1]);
            Check(differences, what + " activityDate", activity.ActivityDate, record[2]);
            Check(differences, what + " activityTypeId", (long)activity.ActivityTypeId, record[3]);
            Check(differences, what + " campaignId", activity.CampaignId, record[4]);
            Check(differences, what + " primaryAttributeValueId", activity.PrimaryAttributeValueId, record[5]);
            Check(differences, what + " primaryAttributeValue", activity.PrimaryAttributeValue, record[6]);
            var attributes = activity.Attributes.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            for (var ordinal = 0; ordinal < record.Schema.Fields.Count; ordinal++)
            {
                var field = record.Schema.Fields[ordinal];
                if (field.Source == RecordFieldSource.ActivityAttribute)
                {
                    Check(differences, $"{what} attribute {field.SourceName}", attributes.GetValueOrDefault(field.SourceName), record[ordinal]);
                }
            }
        }

        differences.AddRange(byGuid.Keys.Select(guid => $"activity {guid} is missing"));
        return differences;
    }

    /// <summary>Returns a key of the record that is unique across streams, such as <c>lead:42</c>.</summary>
    public static string KeyOf(ExtractedRecord record) => record.Value switch
    {
        MarketoRecord { Schema.Name: StreamIds.Leads } lead => "lead:" + lead[IndexOfSource(lead.Schema, "id")],
        MarketoRecord activity => "activity:" + activity[0],
        Campaign campaign => "campaign:" + campaign.Id,
        StaticList list => "list:" + list.Id,
        MarketoProgram program => "program:" + program.Id,
        ActivityType type => "type:" + type.Id,
        LeadActivity deleted => "deleted:" + deleted.MarketoGuid,
        _ => throw new AssertionException($"Unexpected record type {record.Value.GetType()}"),
    };

    public static int IndexOfSource(RecordSchema schema, string sourceName)
    {
        for (var ordinal = 0; ordinal < schema.Fields.Count; ordinal++)
        {
            if (schema.Fields[ordinal].SourceName == sourceName)
            {
                return ordinal;
            }
        }

        throw new AssertionException($"Schema {schema.Name} has no field from '{sourceName}'.");
    }

    private static void Check(List<string> differences, string what, object? expected, object? actual)
    {
        expected = AsDecoded(expected);
        if (Equals(expected, actual) && expected?.GetType() == actual?.GetType())
        {
            return;
        }

        differences.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: expected {Describe(expected)}, extracted {Describe(actual)}"));
    }

    /// <summary>
    /// Applies the decoder's documented rules to a stored value: NUL characters are dropped, and an empty string
    /// reads as null because a CSV export cannot tell the two apart.
    /// </summary>
    private static object? AsDecoded(object? value) => value switch
    {
        string text when text.Contains('\0', StringComparison.Ordinal) => AsDecoded(text.Replace("\0", string.Empty, StringComparison.Ordinal)),
        string { Length: 0 } => null,
        _ => value,
    };

    private static string Describe(object? value) =>
        value is null ? "null" : string.Create(CultureInfo.InvariantCulture, $"{value} ({value.GetType().Name})");
}
