namespace Marketo.Extract.Models;

/// <summary>The body of a bulk lead export: the fields to export and exactly one filter.</summary>
public sealed record LeadExportRequest
{
    /// <summary>Gets the REST names of the lead fields to export, in column order.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>Gets the filter on the lead's creation time, at most 31 days wide.</summary>
    public DateTimeRange? CreatedAt { get; init; }

    /// <summary>Gets the filter on the lead's last update, at most 31 days wide; not every subscription supports it.</summary>
    public DateTimeRange? UpdatedAt { get; init; }

    /// <summary>Gets the filter on membership of a static list, by id.</summary>
    public long? StaticListId { get; init; }
}
