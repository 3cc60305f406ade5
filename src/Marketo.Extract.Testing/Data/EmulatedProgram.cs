namespace Marketo.Extract.Testing;

/// <summary>A program as the Asset API's <c>GET /rest/asset/v1/programs.json</c> reports it.</summary>
public sealed record EmulatedProgram
{
    /// <summary>Gets the program id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description; it can be the empty string.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the program type: <c>Default</c>, <c>Event</c>, <c>Event with Webinar</c>, <c>Engagement</c> or <c>Email</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Gets the channel, such as <c>Webinar</c> or <c>Email Send</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Gets the status: empty, <c>on</c>/<c>off</c> (Engagement) or <c>locked</c>/<c>unlocked</c> (Email).</summary>
    public required string Status { get; init; }

    /// <summary>Gets the workspace name.</summary>
    public required string Workspace { get; init; }

    /// <summary>Gets the id of the folder that holds the program.</summary>
    public required long FolderId { get; init; }

    /// <summary>Gets the name of the folder that holds the program.</summary>
    public required string FolderName { get; init; }

    /// <summary>Gets when the program was created, in UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the program was last updated, in UTC.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
