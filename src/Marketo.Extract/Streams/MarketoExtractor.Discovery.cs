using Marketo.Extract.Records;
using Marketo.Extract.Streams.Internal;

namespace Marketo.Extract.Streams;

/// <content>Stream discovery.</content>
public sealed partial class MarketoExtractor
{
    private static readonly StreamField[] ActivityTypeFields =
    [
        new("id", "integer"), new("name", "string"), new("description", "string"), new("apiName", "string"),
        new("primaryAttribute", "json"), new("attributes", "json"),
    ];

    private static readonly StreamField[] CampaignFields =
    [
        new("id", "integer"), new("name", "string"), new("description", "string"), new("type", "string"),
        new("programId", "integer"), new("programName", "string"), new("workspaceName", "string"),
        new("createdAt", "datetime"), new("updatedAt", "datetime"), new("active", "boolean"),
    ];

    private static readonly StreamField[] ListFields =
    [
        new("id", "integer"), new("name", "string"), new("description", "string"), new("programName", "string"),
        new("workspaceName", "string"), new("createdAt", "datetime"), new("updatedAt", "datetime"),
    ];

    private static readonly StreamField[] ProgramFields =
    [
        new("id", "integer"), new("name", "string"), new("description", "string"), new("type", "string"),
        new("channel", "string"), new("status", "string"), new("workspace", "string"), new("url", "string"),
        new("folder", "json"), new("headStart", "boolean"), new("createdAt", "datetime"), new("updatedAt", "datetime"),
    ];

    private static readonly StreamField[] DeletedLeadFields =
    [
        new("id", "integer"), new("marketoGUID", "string"), new("leadId", "integer"), new("activityDate", "datetime"),
        new("activityTypeId", "integer"), new("campaignId", "integer"), new("primaryAttributeValueId", "integer"),
        new("primaryAttributeValue", "string"), new("attributes", "json"),
    ];

    /// <summary>
    /// Lists every stream with its fields and types: leads from the lead describe, activities from the activity types.
    /// </summary>
    /// <param name="cancellationToken">A token that cancels the calls.</param>
    /// <returns>The streams, in sync order.</returns>
    public async Task<IReadOnlyList<StreamDescriptor>> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var leadFields = await _client.DescribeLeadsAsync(cancellationToken).ConfigureAwait(false);
        var activityTypes = await _client.GetActivityTypesAsync(cancellationToken).ConfigureAwait(false);
        var leads = RecordSchema.ForLeads(leadFields);
        var activities = BulkStreams.DescribeActivities(activityTypes, _options.ActivityAttributes);

        var streams = new List<StreamDescriptor>
        {
            Fixed(StreamIds.ActivityTypes, ActivityTypeFields, "id", null),
            Fixed(StreamIds.Campaigns, CampaignFields, "id", "updatedAt"),
            Fixed(StreamIds.Lists, ListFields, "id", "updatedAt"),
            Fixed(StreamIds.Programs, ProgramFields, "id", "updatedAt"),
            Fixed(StreamIds.DeletedLeads, DeletedLeadFields, "marketoGUID", "activityDate"),
            FromSchema(leads, "id", leads.Fields.FirstOrDefault(field => field.SourceName == "updatedAt")?.Name, null),
        };
        foreach (var (typeId, schema) in activities.OrderBy(pair => pair.Value.Name, StringComparer.Ordinal))
        {
            streams.Add(FromSchema(schema, schema.Fields[0].Name, schema.Fields[2].Name, typeId));
        }

        return streams;
    }

    private static StreamDescriptor Fixed(string id, StreamField[] fields, string primaryKey, string? cursorField) =>
        new()
        {
            Id = id,
            Fields = fields,
            PrimaryKey = primaryKey,
            CursorField = cursorField,
            IsIncremental = cursorField is not null,
        };

    private static StreamDescriptor FromSchema(RecordSchema schema, string primaryKey, string? cursorField, int? activityTypeId) =>
        new()
        {
            Id = schema.Name,
            Fields = [.. schema.Fields.Select(field => new StreamField(field.Name, field.DataType))],
            PrimaryKey = schema.Fields.FirstOrDefault(field => field.SourceName == primaryKey)?.Name ?? primaryKey,
            CursorField = cursorField,
            IsIncremental = true,
            ActivityTypeId = activityTypeId,
        };
}
