namespace Marketo.Extract.Testing;

/// <summary>A smart campaign as <c>GET /rest/v1/campaigns.json</c> reports it.</summary>
public sealed record EmulatedCampaign
{
    /// <summary>Gets the campaign id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description, or <see langword="null"/> when there is none.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the type: <c>batch</c> or <c>trigger</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Gets the id of the parent program, if any.</summary>
    public long? ProgramId { get; init; }

    /// <summary>Gets the name of the parent program, if any.</summary>
    public string? ProgramName { get; init; }

    /// <summary>Gets the workspace name.</summary>
    public required string WorkspaceName { get; init; }

    /// <summary>Gets when the campaign was created, in UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the campaign was last updated, in UTC.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets whether a trigger campaign is active; <see langword="null"/> for batch campaigns.</summary>
    public bool? Active { get; init; }
}
