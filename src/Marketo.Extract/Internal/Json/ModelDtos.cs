using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Internal.Json;

// The public models expose their unmodelled members through init-only extension data, which the source generator
// cannot fill, so responses are read into these mutable shapes and mapped.

/// <summary>An activity type as <c>GET /rest/v1/activities/types.json</c> sends it.</summary>
internal sealed class ActivityTypeDto
{
    public int? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? ApiName { get; set; }

    public ActivityAttributeDto? PrimaryAttribute { get; set; }

    public List<ActivityAttributeDto>? Attributes { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>An attribute definition of an activity type.</summary>
internal sealed class ActivityAttributeDto
{
    public string? Name { get; set; }

    public string? DataType { get; set; }

    public string? ApiName { get; set; }
}

/// <summary>A smart campaign as <c>GET /rest/v1/campaigns.json</c> sends it.</summary>
internal sealed class CampaignDto
{
    public long? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Type { get; set; }

    public long? ProgramId { get; set; }

    public string? ProgramName { get; set; }

    public string? WorkspaceName { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public bool? Active { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A static list as <c>GET /rest/v1/lists.json</c> sends it.</summary>
internal sealed class StaticListDto
{
    public long? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? ProgramName { get; set; }

    public string? WorkspaceName { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A program as <c>GET /rest/asset/v1/programs.json</c> sends it.</summary>
internal sealed class ProgramDto
{
    public long? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Type { get; set; }

    public string? Channel { get; set; }

    public string? Status { get; set; }

    public string? Workspace { get; set; }

    public string? Url { get; set; }

    public JsonElement? Folder { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>An activity as the REST activity endpoints send it.</summary>
internal sealed class LeadActivityDto
{
    public long? Id { get; set; }

    [JsonPropertyName("marketoGUID")]
    public string? MarketoGuid { get; set; }

    public long? LeadId { get; set; }

    public DateTimeOffset? ActivityDate { get; set; }

    public int? ActivityTypeId { get; set; }

    public long? CampaignId { get; set; }

    public long? PrimaryAttributeValueId { get; set; }

    public string? PrimaryAttributeValue { get; set; }

    public JsonElement? Attributes { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
