using System.Globalization;
using System.Net;
using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>Builds the exceptions of the bulk export engine and classifies the client's errors.</summary>
internal static class BulkExportErrors
{
    /// <summary>
    /// Returns whether a failed status read means that Marketo does not know the export id: HTTP 404, code 610
    /// (resource not found), 1003 (invalid data) or 1013 (object not found).
    /// </summary>
    // NOTE: Marketo's documentation does not say how a status read of an unknown export id fails. These are the
    // codes a not-found response can carry. Any other error passes through unchanged and triggers no re-create.
    internal static bool IsJobNotFound(MarketoException exception) =>
        exception is not (MarketoQuotaExceededException or MarketoAuthenticationException)
        && (exception.StatusCode == HttpStatusCode.NotFound
            || exception.ErrorCode is "610" or "1003" or "1013");

    internal static BulkExportJobNotFoundException JobNotFound(
        BulkExportObject kind, string exportId, Exception innerException) =>
        new(
            $"Marketo does not know the {Describe(kind)} export job {exportId}: the id is wrong, belongs to another " +
            "API user, or its status is older than Marketo's 30-day retention. Create a new job for the same request.",
            innerException)
        {
            ExportId = exportId,
        };

    internal static BulkExportFailedException Failed(BulkExportObject kind, BulkExportJobInfo info) =>
        new(
            $"The {Describe(kind)} export job {info.ExportId} failed on Marketo: " +
            $"{info.ErrorMessage ?? "Marketo gave no reason"}. Marketo recommends creating the job again.")
        {
            ExportId = info.ExportId,
            Status = BulkExportStatus.Failed,
            ErrorMessage = info.ErrorMessage,
        };

    internal static BulkExportFailedException FailedAgain(
        string key, BulkExportObject kind, string firstExportId, BulkExportJobInfo info) =>
        new(
            $"The {Describe(kind)} export for '{key}' failed twice on Marketo: job {firstExportId} failed, then its " +
            $"replacement {info.ExportId} failed with: {info.ErrorMessage ?? "no reason given"}. Check the request " +
            "(fields, filter) and the instance's bulk export health before running again.")
        {
            ExportId = info.ExportId,
            Status = BulkExportStatus.Failed,
            ErrorMessage = info.ErrorMessage,
        };

    internal static BulkExportFailedException CancelledOnMarketo(BulkExportObject kind, BulkExportJobInfo info) =>
        new(
            $"The {Describe(kind)} export job {info.ExportId} was cancelled on Marketo by someone other than this " +
            "process, so it has no file. Create a new job if the export is still wanted.")
        {
            ExportId = info.ExportId,
            Status = BulkExportStatus.Cancelled,
            ErrorMessage = info.ErrorMessage,
        };

    internal static BulkExportTimeoutException TimedOut(BulkExportObject kind, string exportId, TimeSpan timeout) =>
        new(
            $"The {Describe(kind)} export job {exportId} did not finish within {Format(timeout)} of its enqueue, so " +
            $"it was cancelled on Marketo. Raise {nameof(BulkExportOptions)}.{nameof(BulkExportOptions.JobTimeout)} " +
            "if the instance's export queue is busy, or export a shorter date range.")
        {
            ExportId = exportId,
            Timeout = timeout,
        };

    internal static MarketoExportFileNotFoundException FileMissingAgain(
        string key, BulkExportObject kind, string firstExportId, string exportId, Exception innerException) =>
        new(
            $"The file of the {Describe(kind)} export for '{key}' was not found (HTTP 404) although the job is " +
            $"Completed, twice: job {firstExportId}, then its replacement {exportId}. Marketo keeps export files " +
            "for 7 days; if the jobs are newer, Marketo is not serving its files. Try again later.",
            innerException)
        {
            ExportId = exportId,
            StatusCode = HttpStatusCode.NotFound,
        };

    internal static InvalidOperationException NotCompleted(BulkExportObject kind, string exportId, BulkExportJobState state) =>
        new(
            $"The {Describe(kind)} export job {exportId} is {state}, so it has no file yet. Await " +
            $"{nameof(BulkExportJob.WaitForCompletionAsync)} before opening the file.");

    internal static MarketoException DownloadFailed(
        BulkExportObject kind, string exportId, long received, long? expectedSize, int attempts, Exception cause) =>
        new(
            $"The download of the {Describe(kind)} export file {exportId} broke at byte {received} of " +
            $"{(expectedSize is { } size ? size.ToString(CultureInfo.InvariantCulture) : "an unknown size")} and " +
            $"{attempts} reconnections in a row brought no new bytes. Check the network, or raise " +
            $"{nameof(BulkExportOptions)}.{nameof(BulkExportOptions.DownloadResumeAttempts)}. The job stays " +
            "Completed, so the file can be downloaded again.",
            cause);

    internal static MarketoException ResumedPastOffset(
        BulkExportObject kind, string exportId, long requestedOffset, long servedOffset) =>
        new(
            $"Asked to resume the {Describe(kind)} export file {exportId} at byte {requestedOffset}, the server " +
            $"answered from byte {servedOffset}, which would skip data.");

    internal static BulkExportIntegrityException TooManyBytes(string exportId, long expectedSize, long received) =>
        new(
            $"The server sent more bytes of export file {exportId} than the {expectedSize} bytes Marketo reported " +
            $"as its fileSize (at least {received}). The extra bytes were not passed on. Download the file again; " +
            "if this repeats, the file on Marketo does not match its job status.")
        {
            ExportId = exportId,
            ExpectedSize = expectedSize,
            ActualSize = received,
        };

    internal static BulkExportIntegrityException Mismatch(
        string exportId, long? expectedSize, long actualSize, string? expectedChecksum, string? actualChecksum)
    {
        var sizeMatches = expectedSize is null || expectedSize == actualSize;
        var what = sizeMatches
            ? $"its SHA-256 checksum is {actualChecksum}, but Marketo reported {expectedChecksum}"
            : $"{actualSize} bytes arrived, but Marketo reported a fileSize of {expectedSize}";
        return new BulkExportIntegrityException(
            $"The downloaded export file {exportId} is not the file Marketo described: {what}. Records already read " +
            "from it may be wrong; discard them and download the file again.")
        {
            ExportId = exportId,
            ExpectedSize = expectedSize,
            ActualSize = actualSize,
            ExpectedChecksum = expectedChecksum,
            ActualChecksum = actualChecksum,
        };
    }

    internal static ArgumentException DuplicateKey(string key, string paramName) =>
        new(
            $"Two work items have the key '{key}'. Keys identify work items to the job tracker, so each must be " +
            "unique within one run.",
            paramName);

    internal static string Describe(BulkExportObject kind) => kind switch
    {
        BulkExportObject.Leads => "lead",
        BulkExportObject.Activities => "activity",
        _ => kind.ToString(),
    };

    private static string Format(TimeSpan timeout) =>
        timeout.TotalMinutes >= 1
            ? timeout.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + " minutes"
            : timeout.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " seconds";
}
