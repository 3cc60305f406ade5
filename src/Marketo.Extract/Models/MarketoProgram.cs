using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Models;

/// <summary>A program, as returned by the Asset API's <c>GET /rest/asset/v1/programs.json</c>.</summary>
public sealed record MarketoProgram
{
    /// <summary>Gets the program id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets the program name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description; Marketo often sends an empty string.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the program type, for example <c>Default</c>, <c>Event</c> or <c>Engagement</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the channel, which defines the member statuses.</summary>
    public string? Channel { get; init; }

    /// <summary>Gets the status: empty, <c>on</c>/<c>off</c> or <c>locked</c>/<c>unlocked</c> depending on the type.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the workspace name.</summary>
    public string? Workspace { get; init; }

    /// <summary>Gets the link to the program in the Marketo UI.</summary>
    public string? Url { get; init; }

    /// <summary>Gets the folder the program sits in, as Marketo sends it.</summary>
    public JsonElement? Folder { get; init; }

    /// <summary>Gets when the program was created, in UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the program was last updated, in UTC.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the members of the response that this type does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
