namespace Marketo.Extract.Models;

/// <summary>The status of a bulk export job as Marketo reports it.</summary>
public enum BulkExportStatus
{
    /// <summary>A status this library does not know; the raw text is in <see cref="BulkExportJobInfo.RawStatus"/>.</summary>
    Unknown,

    /// <summary>Created and not yet enqueued.</summary>
    Created,

    /// <summary>Waiting in Marketo's export queue.</summary>
    Queued,

    /// <summary>Being processed; Marketo processes two jobs at a time per instance.</summary>
    Processing,

    /// <summary>Finished; the file can be downloaded.</summary>
    Completed,

    /// <summary>Failed; <see cref="BulkExportJobInfo.ErrorMessage"/> says why.</summary>
    Failed,

    /// <summary>Cancelled; Marketo spells it <c>Cancelled</c> or <c>Canceled</c>.</summary>
    Cancelled,
}
