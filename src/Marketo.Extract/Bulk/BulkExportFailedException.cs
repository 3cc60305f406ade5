using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk;

/// <summary>A bulk export job ended on Marketo without a file: it failed, or someone else cancelled it.</summary>
public class BulkExportFailedException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="BulkExportFailedException"/> class.</summary>
    public BulkExportFailedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BulkExportFailedException"/> class.</summary>
    /// <param name="message">The message that describes the failure and the fix.</param>
    public BulkExportFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BulkExportFailedException"/> class.</summary>
    /// <param name="message">The message that describes the failure and the fix.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public BulkExportFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the id of the job.</summary>
    public string? ExportId { get; init; }

    /// <summary>Gets the status the job ended in: <see cref="BulkExportStatus.Failed"/> or <see cref="BulkExportStatus.Cancelled"/>.</summary>
    public BulkExportStatus Status { get; init; }

    /// <summary>Gets Marketo's reason for the failure (the job's <c>errorMsg</c>), when Marketo gave one.</summary>
    public string? ErrorMessage { get; init; }
}
