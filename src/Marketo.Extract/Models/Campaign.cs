using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Models;

/// <summary>A smart campaign, as returned by <c>GET /rest/v1/campaigns.json</c>.</summary>
public sealed record Campaign
{
    /// <summary>Gets the campaign id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets the campaign name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the campaign type: <c>batch</c> or <c>trigger</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the id of the parent program.</summary>
    public long? ProgramId { get; init; }

    /// <summary>Gets the name of the parent program.</summary>
    public string? ProgramName { get; init; }

    /// <summary>Gets the workspace name.</summary>
    public string? WorkspaceName { get; init; }

    /// <summary>Gets when the campaign was created, in UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the campaign was last updated, in UTC.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets a value indicating whether a trigger campaign is active; <see langword="null"/> for batch campaigns.</summary>
    public bool? Active { get; init; }

    /// <summary>Gets the members of the response that this type does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
