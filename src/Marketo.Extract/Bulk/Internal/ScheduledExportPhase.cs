namespace Marketo.Extract.Bulk.Internal;

/// <summary>The progress of a work item through a scheduler run; see <see cref="ScheduledExport"/>.</summary>
internal enum ScheduledExportPhase
{
    /// <summary>Its job is being created, or its saved job picked up.</summary>
    Starting,

    /// <summary>Its job is Created on Marketo, and the enqueue waits because Marketo's export queue was full.</summary>
    AwaitingEnqueue,

    /// <summary>Its job is queued or processing on Marketo; the pump polls it.</summary>
    Running,

    /// <summary>Its job is Completed and waits for the consumer.</summary>
    Ready,

    /// <summary>The consumer got HTTP 404 for the file of the completed job; the pump replaces the job once.</summary>
    FileMissing,

    /// <summary>It failed for good; the consumer gets the error when it reaches this item.</summary>
    Faulted,

    /// <summary>Handed to the consumer.</summary>
    Handed,
}
