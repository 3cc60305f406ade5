using System.Net;
using Marketo.Extract.Internal.Json;

namespace Marketo.Extract.Internal;

/// <summary>The outcome of one attempt: a read envelope, an open export file, or a failure.</summary>
/// <remarks>
/// Failures are values rather than exceptions so that the retry policy can read Marketo's envelope, which reports
/// most errors inside an HTTP 200 body. Disposing the outcome of a discarded attempt closes its file response.
/// </remarks>
internal sealed class MarketoResponse : IDisposable
{
    private MarketoResponse(HttpStatusCode? statusCode)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the envelope of a successful JSON call.</summary>
    public MarketoEnvelope? Envelope { get; private init; }

    /// <summary>Gets the open response of a successful file download; its body has not been read.</summary>
    public HttpResponseMessage? File { get; private init; }

    public MarketoFailure? Failure { get; private init; }

    public static MarketoResponse FromEnvelope(HttpStatusCode status, MarketoEnvelope envelope) =>
        new(status) { Envelope = envelope };

    public static MarketoResponse FromFile(HttpResponseMessage response) =>
        new(response.StatusCode) { File = response };

    public static MarketoResponse FromFailure(MarketoFailure failure) =>
        new(failure.StatusCode) { Failure = failure };

    public void Dispose() => File?.Dispose();
}
