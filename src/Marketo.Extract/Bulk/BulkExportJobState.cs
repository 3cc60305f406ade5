namespace Marketo.Extract.Bulk;

/// <summary>The state of a <see cref="BulkExportJob"/> as this library tracks it.</summary>
/// <remarks>
/// The states follow Marketo's job statuses, plus <see cref="Unknown"/> before the first status read and
/// <see cref="TimedOut"/> when this library gave up on a job. <see cref="Completed"/>, <see cref="Failed"/>,
/// <see cref="Cancelled"/> and <see cref="TimedOut"/> are final.
/// </remarks>
public enum BulkExportJobState
{
    /// <summary>Not read yet: a job rebuilt from an export id before its first status read.</summary>
    Unknown,

    /// <summary>Created on Marketo and not enqueued yet.</summary>
    Created,

    /// <summary>Enqueued and waiting for one of Marketo's processing slots.</summary>
    Queued,

    /// <summary>Being processed by Marketo.</summary>
    Processing,

    /// <summary>Finished; the file can be downloaded.</summary>
    Completed,

    /// <summary>Failed on Marketo; <see cref="BulkExportJob.Info"/> contains Marketo's reason.</summary>
    Failed,

    /// <summary>Cancelled on Marketo, by this library or by anyone else.</summary>
    Cancelled,

    /// <summary>Not finished within <see cref="BulkExportOptions.JobTimeout"/>; this library cancelled it on Marketo.</summary>
    TimedOut,
}
