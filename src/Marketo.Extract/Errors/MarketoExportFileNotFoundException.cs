namespace Marketo.Extract;

/// <summary>The file request of an export job returned HTTP 404: the job is not completed, or its file has expired.</summary>
public class MarketoExportFileNotFoundException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="MarketoExportFileNotFoundException"/> class.</summary>
    public MarketoExportFileNotFoundException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoExportFileNotFoundException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    public MarketoExportFileNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoExportFileNotFoundException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MarketoExportFileNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the id of the export job whose file is missing.</summary>
    public string? ExportId { get; init; }
}
