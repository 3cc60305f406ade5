using System.Runtime.ExceptionServices;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>
/// One work item of a scheduler run and the job that currently serves it. The run's lock guards every member.
/// </summary>
internal sealed class ScheduledExport
{
    internal ScheduledExport(BulkExportWorkItem workItem)
    {
        WorkItem = workItem;
    }

    internal BulkExportWorkItem WorkItem { get; }

    internal string Key => WorkItem.Key;

    internal ScheduledExportPhase Phase { get; set; } = ScheduledExportPhase.Starting;

    /// <summary>Gets or sets the job that serves the work item now; replaced when a job fails or its file expires.</summary>
    internal BulkExportJob? Job { get; set; }

    /// <summary>Gets or sets whether the tracker has saved the id of <see cref="Job"/>.</summary>
    internal bool IsTracked { get; set; }

    /// <summary>Gets or sets the id of the job that <see cref="Job"/> replaced, for error messages.</summary>
    internal string? ReplacedExportId { get; set; }

    internal int FailedJobs { get; set; }

    internal int MissingFiles { get; set; }

    /// <summary>Gets or sets the 404 error of the last missing file, the cause of a later error.</summary>
    internal Exception? MissingFileError { get; set; }

    /// <summary>Gets or sets when to try the enqueue again, in <see cref="ScheduledExportPhase.AwaitingEnqueue"/>.</summary>
    internal DateTimeOffset NextEnqueueAt { get; set; }

    /// <summary>Gets or sets the error thrown to the consumer when it reaches this item, in <see cref="ScheduledExportPhase.Faulted"/>.</summary>
    internal ExceptionDispatchInfo? Error { get; set; }
}
