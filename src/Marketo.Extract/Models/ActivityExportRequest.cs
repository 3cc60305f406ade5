namespace Marketo.Extract.Models;

/// <summary>The body of a bulk activity export.</summary>
public sealed record ActivityExportRequest
{
    /// <summary>Gets the range of activity dates to export, at most 31 days wide.</summary>
    public required DateTimeRange CreatedAt { get; init; }

    /// <summary>Gets the activity types to export, or <see langword="null"/> for all; Delete Lead (37) cannot be exported.</summary>
    public IReadOnlyList<int>? ActivityTypeIds { get; init; }

    /// <summary>Gets the columns to export, or <see langword="null"/> for the standard ones.</summary>
    public IReadOnlyList<string>? Fields { get; init; }
}
