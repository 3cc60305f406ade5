namespace Marketo.Extract.Bulk;

/// <summary>
/// Marketo does not know a bulk export job that was rebuilt from a saved export id: the id is wrong, belongs to
/// another API user, or its status is past Marketo's 30-day retention. Create a new job for the same request.
/// </summary>
public class BulkExportJobNotFoundException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="BulkExportJobNotFoundException"/> class.</summary>
    public BulkExportJobNotFoundException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BulkExportJobNotFoundException"/> class.</summary>
    /// <param name="message">The message that describes the failure and the fix.</param>
    public BulkExportJobNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BulkExportJobNotFoundException"/> class.</summary>
    /// <param name="message">The message that describes the failure and the fix.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public BulkExportJobNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the export id that Marketo does not know.</summary>
    public string? ExportId { get; init; }
}
