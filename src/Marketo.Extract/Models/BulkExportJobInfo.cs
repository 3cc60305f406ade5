namespace Marketo.Extract.Models;

/// <summary>A bulk export job as Marketo reports it in create, enqueue, status, cancel and list responses.</summary>
public sealed record BulkExportJobInfo
{
    /// <summary>Gets the export id (a UUID).</summary>
    public required string ExportId { get; init; }

    /// <summary>Gets the parsed status.</summary>
    public required BulkExportStatus Status { get; init; }

    /// <summary>Gets the status text exactly as Marketo sent it.</summary>
    public string? RawStatus { get; init; }

    /// <summary>Gets the file format: <c>CSV</c>, <c>TSV</c> or <c>SSV</c>.</summary>
    public string? Format { get; init; }

    /// <summary>Gets when the job was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when the job was enqueued.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>Gets when processing started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the job completed or failed.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets the number of data rows in the file, header excluded; set once Completed.</summary>
    public long? NumberOfRecords { get; init; }

    /// <summary>Gets the file size in bytes, the figure charged to the daily export quota; set once Completed.</summary>
    public long? FileSize { get; init; }

    /// <summary>Gets the checksum of the file, <c>sha256:</c> followed by 64 lower-case hex digits; set once Completed.</summary>
    public string? FileChecksum { get; init; }

    /// <summary>Gets Marketo's reason for a Failed job.</summary>
    public string? ErrorMessage { get; init; }
}
