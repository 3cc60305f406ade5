using Marketo.Extract.Internal.Json;
using Marketo.Extract.Models;

namespace Marketo.Extract.Internal;

/// <summary>Translates bulk export jobs, statuses and kinds between the wire form and the public models.</summary>
internal static class BulkExportMapping
{
    /// <summary>Returns the path segment of an export kind: <c>leads</c> or <c>activities</c>.</summary>
    public static string PathSegment(BulkExportObject kind) => kind switch
    {
        BulkExportObject.Leads => "leads",
        BulkExportObject.Activities => "activities",
        _ => throw new ArgumentOutOfRangeException(
            nameof(kind), kind, "The export kind must be BulkExportObject.Leads or BulkExportObject.Activities."),
    };

    /// <summary>Parses a status case-insensitively; both spellings of Cancelled are accepted.</summary>
    public static BulkExportStatus ParseStatus(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "CREATED" => BulkExportStatus.Created,
        "QUEUED" => BulkExportStatus.Queued,
        "PROCESSING" => BulkExportStatus.Processing,
        "COMPLETED" => BulkExportStatus.Completed,
        "FAILED" => BulkExportStatus.Failed,
        "CANCELLED" or "CANCELED" => BulkExportStatus.Cancelled,
        _ => BulkExportStatus.Unknown,
    };

    /// <summary>Formats a status for the <c>status=</c> filter of the job list.</summary>
    /// <remarks>
    /// NOTE: Marketo's documentation spells the filter value Canceled while its JSON spells it Cancelled. The filter
    /// is matched case-insensitively, but which spelling the real service accepts is not documented, so Cancelled,
    /// the spelling of its JSON, is sent.
    /// </remarks>
    public static string FormatStatusFilter(BulkExportStatus status, string paramName) => status switch
    {
        BulkExportStatus.Created => "Created",
        BulkExportStatus.Queued => "Queued",
        BulkExportStatus.Processing => "Processing",
        BulkExportStatus.Completed => "Completed",
        BulkExportStatus.Failed => "Failed",
        BulkExportStatus.Cancelled => "Cancelled",
        _ => throw new ArgumentException(
            $"The status filter contains '{status}', which Marketo cannot filter on; pass only Created, Queued, " +
            "Processing, Completed, Failed or Cancelled, or null for every status.",
            paramName),
    };

    /// <summary>Maps a job as Marketo sent it; a job without an export id cannot be used, so it is an error.</summary>
    public static BulkExportJobInfo ToJobInfo(ExportJobDto job, string request) => new()
    {
        ExportId = string.IsNullOrEmpty(job.ExportId)
            ? throw new MarketoException($"{request} returned a job without an exportId, so the job cannot be tracked.")
            : job.ExportId,
        Status = ParseStatus(job.Status),
        RawStatus = job.Status,
        Format = job.Format,
        CreatedAt = job.CreatedAt,
        QueuedAt = job.QueuedAt,
        StartedAt = job.StartedAt,
        FinishedAt = job.FinishedAt,
        NumberOfRecords = job.NumberOfRecords,
        FileSize = job.FileSize,
        FileChecksum = job.FileChecksum,
        ErrorMessage = job.ErrorMsg,
    };
}
