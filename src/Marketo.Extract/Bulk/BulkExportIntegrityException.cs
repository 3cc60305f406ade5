namespace Marketo.Extract.Bulk;

/// <summary>
/// The downloaded file of a bulk export job does not match the size or the SHA-256 checksum that Marketo reported.
/// </summary>
/// <remarks>
/// The check runs as the bytes pass, so it can only fail at the end of the file. Records the caller already read
/// from the file came before this error and may be wrong; discard them. The streams layer does not advance a cursor
/// past a window whose file failed this check. A server that sends more bytes than the reported size fails as soon
/// as the extra bytes arrive, and the extra bytes are not handed out.
/// </remarks>
public class BulkExportIntegrityException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="BulkExportIntegrityException"/> class.</summary>
    public BulkExportIntegrityException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BulkExportIntegrityException"/> class.</summary>
    /// <param name="message">The message that describes the failure and the fix.</param>
    public BulkExportIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BulkExportIntegrityException"/> class.</summary>
    /// <param name="message">The message that describes the failure and the fix.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public BulkExportIntegrityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the id of the job whose file failed the check.</summary>
    public string? ExportId { get; init; }

    /// <summary>Gets the file size Marketo reported (<c>fileSize</c>), when it reported one.</summary>
    public long? ExpectedSize { get; init; }

    /// <summary>Gets the number of bytes received; when the server sent too many, the count at which this was noticed.</summary>
    public long ActualSize { get; init; }

    /// <summary>Gets the SHA-256 checksum Marketo reported, as lower-case hex without the <c>sha256:</c> prefix.</summary>
    public string? ExpectedChecksum { get; init; }

    /// <summary>Gets the SHA-256 checksum of the bytes received, as lower-case hex, when it was computed.</summary>
    public string? ActualChecksum { get; init; }
}
