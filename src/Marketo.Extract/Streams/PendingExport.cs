using Marketo.Extract.Models;

namespace Marketo.Extract.Streams;

/// <summary>A bulk export job that a stream created and has not finished reading; a restart resumes it.</summary>
public sealed record PendingExport
{
    /// <summary>Gets the key of the unit of work the job covers, stable across runs (window and activity types).</summary>
    public required string Key { get; init; }

    /// <summary>Gets Marketo's export id.</summary>
    public required string ExportId { get; init; }

    /// <summary>Gets whether the job exports leads or activities.</summary>
    public required BulkExportObject Kind { get; init; }
}
