namespace Marketo.Extract.Bulk;

/// <summary>
/// A bulk export job was not finished within <see cref="BulkExportOptions.JobTimeout"/>; this library cancelled it on
/// Marketo (best effort) and gave up.
/// </summary>
/// <remarks>Caller cancellation surfaces as <see cref="OperationCanceledException"/> instead.</remarks>
public class BulkExportTimeoutException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="BulkExportTimeoutException"/> class.</summary>
    public BulkExportTimeoutException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BulkExportTimeoutException"/> class.</summary>
    /// <param name="message">The message that describes the failure and the fix.</param>
    public BulkExportTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BulkExportTimeoutException"/> class.</summary>
    /// <param name="message">The message that describes the failure and the fix.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public BulkExportTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the id of the job that timed out.</summary>
    public string? ExportId { get; init; }

    /// <summary>Gets the time limit that was exceeded, measured from the job's enqueue.</summary>
    public TimeSpan Timeout { get; init; }
}
