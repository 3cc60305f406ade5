namespace Marketo.Extract.Testing;

/// <summary>A static list as <c>GET /rest/v1/lists.json</c> reports it, with its members.</summary>
public sealed record EmulatedStaticList
{
    /// <summary>Gets the list id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description, or <see langword="null"/> when there is none.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the name of the parent program, if any.</summary>
    public string? ProgramName { get; init; }

    /// <summary>Gets the workspace name.</summary>
    public required string WorkspaceName { get; init; }

    /// <summary>Gets when the list was created, in UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the list was last updated, in UTC.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the ids of the member leads, ascending; a bulk lead export filtered by this list exports them.</summary>
    public required IReadOnlyList<long> MemberLeadIds { get; init; }
}
