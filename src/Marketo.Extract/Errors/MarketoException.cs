using System.Net;

namespace Marketo.Extract;

/// <summary>A failure reported by Marketo or met while talking to it.</summary>
/// <remarks>Messages and properties never contain the client secret or the access token.</remarks>
public class MarketoException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="MarketoException"/> class.</summary>
    public MarketoException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    public MarketoException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MarketoException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets Marketo's error code, a string such as <c>"606"</c> or <c>"1029"</c>, when Marketo sent one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets Marketo's message for <see cref="ErrorCode"/>.</summary>
    public string? MarketoMessage { get; init; }

    /// <summary>Gets Marketo's <c>requestId</c> of the failed call, for correlation with Marketo support.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the HTTP status of the response, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>
    /// Gets a value indicating whether a failed bulk export create may still have created the job, because the
    /// failure came after Marketo could have received the request.
    /// </summary>
    internal bool ExportMayExist { get; init; }
}
