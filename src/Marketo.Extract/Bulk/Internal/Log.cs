using Marketo.Extract.Models;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>The log messages of the bulk export engine; event ids 3001 to 3099 belong to this area.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, EventName = "BulkExportJobCreated", Level = LogLevel.Information,
        Message = "Created {Kind} export job {ExportId} for work item {Key}")]
    internal static partial void JobCreated(ILogger logger, BulkExportObject kind, string exportId, string? key);

    [LoggerMessage(EventId = 3002, EventName = "BulkExportJobStateChanged", Level = LogLevel.Information,
        Message = "{Kind} export job {ExportId} moved from {PreviousState} to {State}")]
    internal static partial void JobStateChanged(
        ILogger logger, BulkExportObject kind, string exportId, BulkExportJobState previousState, BulkExportJobState state);

    [LoggerMessage(EventId = 3003, EventName = "BulkExportJobCompleted", Level = LogLevel.Information,
        Message = "{Kind} export job {ExportId} completed with {NumberOfRecords} records in {FileSize} bytes")]
    internal static partial void JobCompleted(
        ILogger logger, BulkExportObject kind, string exportId, long? numberOfRecords, long? fileSize);

    [LoggerMessage(EventId = 3004, EventName = "BulkExportJobFailed", Level = LogLevel.Warning,
        Message = "{Kind} export job {ExportId} failed on Marketo: {ErrorMessage}")]
    internal static partial void JobFailed(ILogger logger, BulkExportObject kind, string exportId, string? errorMessage);

    [LoggerMessage(EventId = 3005, EventName = "BulkExportJobTimedOut", Level = LogLevel.Warning,
        Message = "{Kind} export job {ExportId} did not finish within {JobTimeout} of its enqueue; cancelling it on Marketo")]
    internal static partial void JobTimedOut(ILogger logger, BulkExportObject kind, string exportId, TimeSpan jobTimeout);

    [LoggerMessage(EventId = 3006, EventName = "BulkExportUnknownStatus", Level = LogLevel.Warning,
        Message = "{Kind} export job {ExportId} has the status '{RawStatus}', which this library does not know; its state stays as it was")]
    internal static partial void UnknownStatus(ILogger logger, BulkExportObject kind, string exportId, string? rawStatus);

    [LoggerMessage(EventId = 3007, EventName = "BulkExportQueueFull", Level = LogLevel.Information,
        Message = "Marketo's export queue is full, so {Kind} export job {ExportId} stays Created; enqueueing again in {RetryDelay}")]
    internal static partial void QueueFull(ILogger logger, BulkExportObject kind, string exportId, TimeSpan retryDelay);

    [LoggerMessage(EventId = 3008, EventName = "BulkExportCancelFailed", Level = LogLevel.Information,
        Message = "Could not cancel {Kind} export job {ExportId} on Marketo; if it is still open, it keeps its place in the export queue until it finishes")]
    internal static partial void CancelFailed(ILogger logger, BulkExportObject kind, string exportId, Exception exception);

    [LoggerMessage(EventId = 3009, EventName = "BulkExportDownloadResuming", Level = LogLevel.Information,
        Message = "The download of {Kind} export file {ExportId} broke at byte {Received} of {FileSize} ({Reason}); " +
            "resuming in {Delay}, attempt {Attempt} of {MaxAttempts}")]
    internal static partial void DownloadResuming(
        ILogger logger,
        BulkExportObject kind,
        string exportId,
        long received,
        long? fileSize,
        int attempt,
        int maxAttempts,
        TimeSpan delay,
        string reason);

    [LoggerMessage(EventId = 3010, EventName = "BulkExportDownloadSkipping", Level = LogLevel.Debug,
        Message = "The server answered {Kind} export file {ExportId} from byte {Offset}, ignoring the Range header; skipping {Count} bytes")]
    internal static partial void DownloadSkipping(ILogger logger, BulkExportObject kind, string exportId, long offset, long count);

    [LoggerMessage(EventId = 3011, EventName = "BulkExportDownloadVerified", Level = LogLevel.Debug,
        Message = "Downloaded {Kind} export file {ExportId}: {Size} bytes, size matches, checksum checked: {ChecksumChecked}")]
    internal static partial void DownloadVerified(
        ILogger logger, BulkExportObject kind, string exportId, long size, bool checksumChecked);

    [LoggerMessage(EventId = 3012, EventName = "BulkExportChecksumNotVerifiable", Level = LogLevel.Warning,
        Message = "{Kind} export job {ExportId} reports the checksum '{Checksum}', which is not 'sha256:' and 64 hex digits; only the file size is checked")]
    internal static partial void ChecksumNotVerifiable(ILogger logger, BulkExportObject kind, string exportId, string? checksum);

    [LoggerMessage(EventId = 3020, EventName = "BulkExportRecreatingAfterFileNotFound", Level = LogLevel.Warning,
        Message = "The file of Completed {Kind} export job {ExportId} for work item {Key} was not found (HTTP 404); creating the export again, once")]
    internal static partial void RecreatingAfterFileNotFound(ILogger logger, BulkExportObject kind, string exportId, string key);

    [LoggerMessage(EventId = 3021, EventName = "BulkExportRecreatingAfterFailure", Level = LogLevel.Warning,
        Message = "{Kind} export job {ExportId} for work item {Key} failed ({ErrorMessage}); creating the export again, once")]
    internal static partial void RecreatingAfterFailure(
        ILogger logger, BulkExportObject kind, string exportId, string key, string? errorMessage);

    [LoggerMessage(EventId = 3022, EventName = "BulkExportSavedJobNotFound", Level = LogLevel.Warning,
        Message = "Marketo does not know saved {Kind} export job {ExportId} of work item {Key}; creating a new job")]
    internal static partial void SavedJobNotFound(ILogger logger, BulkExportObject kind, string exportId, string key);

    [LoggerMessage(EventId = 3023, EventName = "BulkExportSavedJobResumed", Level = LogLevel.Information,
        Message = "Picked up saved {Kind} export job {ExportId} of work item {Key} in state {State}")]
    internal static partial void SavedJobResumed(
        ILogger logger, BulkExportObject kind, string exportId, string key, BulkExportJobState state);

    [LoggerMessage(EventId = 3024, EventName = "BulkExportSavedJobCancelled", Level = LogLevel.Information,
        Message = "Saved {Kind} export job {ExportId} of work item {Key} was cancelled on Marketo; creating a new job")]
    internal static partial void SavedJobCancelled(ILogger logger, BulkExportObject kind, string exportId, string key);

    [LoggerMessage(EventId = 3025, EventName = "BulkExportQuotaStop", Level = LogLevel.Warning,
        Message = "Marketo's {Quota} quota is used up until {ResetsAt:O}; stopping the run and leaving {SavedJobs} saved jobs for the next run")]
    internal static partial void QuotaStop(ILogger logger, MarketoQuotaKind quota, DateTimeOffset resetsAt, int savedJobs);

    [LoggerMessage(EventId = 3026, EventName = "BulkExportJobsListed", Level = LogLevel.Debug,
        Message = "Read the status of {Pending} pending {Kind} export jobs with one list call; {Missing} were not listed and are read one by one")]
    internal static partial void JobsListed(ILogger logger, BulkExportObject kind, int pending, int missing);

    [LoggerMessage(EventId = 3027, EventName = "BulkExportJobAbandoned", Level = LogLevel.Information,
        Message = "The run ended before {Kind} export job {ExportId} of work item {Key} was read; cancelled it on Marketo")]
    internal static partial void JobAbandoned(ILogger logger, BulkExportObject kind, string exportId, string key);

    [LoggerMessage(EventId = 3028, EventName = "BulkExportJobKept", Level = LogLevel.Information,
        Message = "The run ended before {Kind} export job {ExportId} of work item {Key} was read; it stays saved in state {State} for the next run")]
    internal static partial void JobKept(
        ILogger logger, BulkExportObject kind, string exportId, string key, BulkExportJobState state);

    [LoggerMessage(EventId = 3029, EventName = "BulkExportTrackerFailed", Level = LogLevel.Warning,
        Message = "The job tracker failed to forget {Kind} export job {ExportId} of work item {Key} while the run shut down")]
    internal static partial void TrackerFailed(
        ILogger logger, BulkExportObject kind, string exportId, string key, Exception exception);

    [LoggerMessage(EventId = 3030, EventName = "BulkExportRecreatingLostJob", Level = LogLevel.Warning,
        Message = "Marketo no longer finds running {Kind} export job {ExportId} of work item {Key}; creating the export again, once")]
    internal static partial void RecreatingLostJob(ILogger logger, BulkExportObject kind, string exportId, string key);

    [LoggerMessage(EventId = 3031, EventName = "BulkExportCreateAmbiguous", Level = LogLevel.Warning,
        Message = "Creating a {Kind} export job for work item {Key} failed on attempt {Attempt} in a way that may still have created it; cancelling jobs in Created since the attempt and trying again")]
    internal static partial void AmbiguousCreate(
        ILogger logger, BulkExportObject kind, string? key, int attempt, Exception exception);

    [LoggerMessage(EventId = 3032, EventName = "BulkExportOrphanCancelled", Level = LogLevel.Information,
        Message = "Cancelled {Kind} export job {ExportId}, left in Created by a create whose response was lost")]
    internal static partial void OrphanCancelled(ILogger logger, BulkExportObject kind, string exportId);
}
