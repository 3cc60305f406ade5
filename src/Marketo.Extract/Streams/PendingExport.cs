using Marketo.Extract.Models;

namespace Marketo.Extract.Streams;

/// <summary>
/// A bulk export job that a stream created and whose window the stream's cursor has not passed yet. A restart resumes
/// it and downloads a completed job's file again instead of exporting the window again.
/// </summary>
public sealed record PendingExport
{
    /// <summary>
    /// Gets the key of the work the job covers, stable across runs: the stream kind, the filter or activity types,
    /// and the window.
    /// </summary>
    public required string Key { get; init; }

    /// <summary>Gets Marketo's export id.</summary>
    public required string ExportId { get; init; }

    /// <summary>Gets whether the job exports leads or activities.</summary>
    public required BulkExportObject Kind { get; init; }

    /// <summary>Gets the first instant of the job's export window.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>Gets the last instant of the job's export window.</summary>
    public DateTimeOffset? WindowEnd { get; init; }

    /// <summary>Gets the activity types the job exports; empty for a leads job.</summary>
    public IReadOnlyList<int> ActivityTypeIds { get; init; } = [];
}
