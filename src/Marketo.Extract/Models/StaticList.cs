using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Models;

/// <summary>A static list, as returned by <c>GET /rest/v1/lists.json</c>.</summary>
public sealed record StaticList
{
    /// <summary>Gets the list id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets the list name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the name of the program the list belongs to.</summary>
    public string? ProgramName { get; init; }

    /// <summary>Gets the workspace name.</summary>
    public string? WorkspaceName { get; init; }

    /// <summary>Gets when the list was created, in UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the list was last updated, in UTC.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the members of the response that this type does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
