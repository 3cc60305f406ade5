using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk;

/// <summary>A snapshot of one bulk export job for progress bars, sent to <see cref="BulkExportOptions.Progress"/>.</summary>
public sealed record BulkExportProgress
{
    /// <summary>Gets the caller's key of the work item when the job runs under <see cref="BulkExportScheduler"/>.</summary>
    public string? Key { get; init; }

    /// <summary>Gets the export id of the job.</summary>
    public required string ExportId { get; init; }

    /// <summary>Gets whether the job exports leads or activities.</summary>
    public required BulkExportObject Kind { get; init; }

    /// <summary>Gets the state of the job.</summary>
    public required BulkExportJobState State { get; init; }

    /// <summary>Gets when Marketo enqueued the job, once known.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>Gets when Marketo started processing the job, once known.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets the number of file bytes downloaded so far.</summary>
    public long BytesDownloaded { get; init; }

    /// <summary>Gets the size of the file in bytes, once the job is completed.</summary>
    public long? TotalBytes { get; init; }

    /// <summary>Gets the number of records the caller has read from the file, when the caller reports it.</summary>
    public long? RecordsRead { get; init; }
}
