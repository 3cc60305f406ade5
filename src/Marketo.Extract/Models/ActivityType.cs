using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Models;

/// <summary>An activity type, standard or custom, as returned by <c>GET /rest/v1/activities/types.json</c>.</summary>
public sealed record ActivityType
{
    /// <summary>Gets the activity type id; custom types have ids from 100000.</summary>
    public required int Id { get; init; }

    /// <summary>Gets the display name, for example <c>Fill Out Form</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the API name; Marketo sets it on custom activity types only.</summary>
    public string? ApiName { get; init; }

    /// <summary>Gets the primary attribute, whose value fills <c>primaryAttributeValue</c> on each activity.</summary>
    public ActivityAttributeDefinition? PrimaryAttribute { get; init; }

    /// <summary>Gets the secondary attributes that activities of this type carry.</summary>
    public IReadOnlyList<ActivityAttributeDefinition> Attributes { get; init; } = [];

    /// <summary>Gets the members of the response that this type does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
