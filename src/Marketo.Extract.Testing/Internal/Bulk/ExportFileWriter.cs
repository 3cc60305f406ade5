using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketo.Extract.Testing.Internal.Api;
using Marketo.Extract.Testing.Internal.Data;

namespace Marketo.Extract.Testing.Internal.Bulk;

/// <summary>
/// Writes export files as Marketo does: UTF-8 without BOM, a header row, LF after every row including the last,
/// <c>null</c> for a missing value, and RFC 4180 quoting.
/// </summary>
internal static class ExportFileWriter
{
    public static readonly IReadOnlyList<string> ActivityColumns =
    [
        "marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId", "primaryAttributeValueId",
        "primaryAttributeValue", "attributes",
    ];

    public static readonly IReadOnlySet<string> AllowedActivityColumns = new HashSet<string>(ActivityColumns) { "actionResult" };

    public static (byte[] Bytes, long Records) Render(ExportDefinition definition, DatasetState state)
    {
        var text = new StringBuilder();
        WriteRow(text, definition.Fields.Select(f => definition.ColumnHeaderNames.GetValueOrDefault(f, f)), definition.Delimiter);
        long records = 0;
        foreach (var row in Rows(definition, state))
        {
            WriteRow(text, row, definition.Delimiter);
            records++;
        }

        return (new UTF8Encoding(false).GetBytes(text.ToString()), records);
    }

    public static IEnumerable<long> SelectLeadIds(LeadFilter filter, DatasetState state) =>
        SelectLeads(filter, state).Select(l => l.Id);

    private static IEnumerable<IEnumerable<string>> Rows(ExportDefinition definition, DatasetState state) =>
        definition.Kind == ExportKind.Leads
            ? SelectLeads(definition.LeadFilter!, state).Select(lead => definition.Fields.Select(f => Cell(lead.Values.GetValueOrDefault(f))))
            : SelectActivities(definition.ActivityFilter!, state).Select(a => definition.Fields.Select(f => ActivityCell(a, f)));

    // EMULATOR CHOICE: Marketo does not document whether startAt and endAt are inclusive. Both are
    // inclusive here, so a record stamped exactly on a window boundary is exported by both windows.
    private static IEnumerable<EmulatedLead> SelectLeads(LeadFilter filter, DatasetState state) => filter.Kind switch
    {
        "createdAt" => state.Leads.Where(l => l.CreatedAt >= filter.StartAt && l.CreatedAt <= filter.EndAt),
        "updatedAt" => state.Leads.Where(l => l.FieldsUpdatedAt >= filter.StartAt && l.FieldsUpdatedAt <= filter.EndAt),
        _ => ListMembers(filter.StaticListId, state),
    };

    private static IEnumerable<EmulatedLead> ListMembers(long listId, DatasetState state)
    {
        var members = state.StaticLists.FirstOrDefault(l => l.Id == listId)?.MemberLeadIds.ToHashSet() ?? [];
        return state.Leads.Where(l => members.Contains(l.Id));
    }

    private static IEnumerable<EmulatedActivity> SelectActivities(ActivityFilter filter, DatasetState state) =>
        state.Activities.Where(a =>
            a.ActivityDate >= filter.StartAt && a.ActivityDate <= filter.EndAt &&
            (filter.ActivityTypeIds is null || filter.ActivityTypeIds.Contains(a.ActivityTypeId)) &&
            (filter.PrimaryAttributeValueIds is null ||
                (a.PrimaryAttributeValueId is { } id && filter.PrimaryAttributeValueIds.Contains(id))) &&
            (filter.PrimaryAttributeValues is null ||
                (a.PrimaryAttributeValue is { } value && filter.PrimaryAttributeValues.Contains(value))));

    private static string ActivityCell(EmulatedActivity activity, string column) => column switch
    {
        "marketoGUID" => Cell(activity.MarketoGuid),
        "leadId" => Cell(activity.LeadId),
        "activityDate" => Cell(activity.ActivityDate),
        "activityTypeId" => Cell((long)activity.ActivityTypeId),
        "campaignId" => Cell(activity.CampaignId),
        "primaryAttributeValueId" => Cell(activity.PrimaryAttributeValueId),
        "primaryAttributeValue" => Cell(activity.PrimaryAttributeValue),
        "attributes" => AttributesJson(activity.Attributes),
        _ => Cell(activity.ActionResult),
    };

    /// <summary>Formats a typed value as its CSV text, before quoting.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset instant => Timestamps.Utc(instant),
        DateOnly date => Timestamps.Date(date),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    /// <summary>Writes the activity's attributes as a JSON object keyed by display name, values as JSON types; <c>{}</c> when empty.</summary>
    public static string AttributesJson(IReadOnlyList<KeyValuePair<string, object?>> attributes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ApiJson.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes)
            {
                writer.WritePropertyName(name);
                ApiJson.WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteRow(StringBuilder text, IEnumerable<string> cells, char delimiter)
    {
        bool first = true;
        foreach (string cell in cells)
        {
            if (!first)
            {
                text.Append(delimiter);
            }

            first = false;
            AppendCell(text, cell, delimiter);
        }

        text.Append('\n');
    }

    private static void AppendCell(StringBuilder text, string cell, char delimiter)
    {
        // Besides RFC 4180's delimiter, quote, CR and LF, cells with U+2028, U+2029 or NUL are quoted too,
        // so a reader that splits lines on Unicode separators or stops at NUL still reads one cell.
        bool quote = cell.AsSpan().IndexOfAny(['"', '\r', '\n', '\u2028', '\u2029', '\0', delimiter]) >= 0;
        if (!quote)
        {
            text.Append(cell);
            return;
        }

        text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
