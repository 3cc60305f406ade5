using System.Net;

namespace Marketo.Extract.Internal;

/// <summary>What went wrong with one attempt.</summary>
internal enum MarketoFailureKind
{
    /// <summary>Marketo returned its envelope with <c>success:false</c>.</summary>
    Envelope,

    /// <summary>The HTTP status is not a success and the body is not Marketo's envelope.</summary>
    HttpStatus,

    /// <summary>The HTTP status is a success but the body could not be read as the expected JSON.</summary>
    InvalidBody,

    /// <summary>The connection failed before or while the request was sent.</summary>
    Transport,

    /// <summary>The attempt took longer than <see cref="MarketoClientOptions.RequestTimeout"/>.</summary>
    Timeout,

    /// <summary>No access token could be had because the identity service failed transiently; no API call was sent.</summary>
    IdentityUnavailable,
}

/// <summary>The failure of one attempt, as the retry policy and the exception factory read it.</summary>
internal sealed class MarketoFailure
{
    private MarketoFailure(MarketoFailureKind kind)
    {
        Kind = kind;
    }

    public MarketoFailureKind Kind { get; }

    /// <summary>Gets Marketo's error code, for <see cref="MarketoFailureKind.Envelope"/>.</summary>
    public string? ErrorCode { get; private init; }

    /// <summary>Gets Marketo's message for <see cref="ErrorCode"/>, already redacted.</summary>
    public string? MarketoMessage { get; private init; }

    /// <summary>Gets every error of the envelope as <c>code message</c> pairs, already redacted.</summary>
    public string? AllErrors { get; private init; }

    public string? RequestId { get; private init; }

    public HttpStatusCode? StatusCode { get; private init; }

    /// <summary>Gets a short, redacted excerpt of a body that could not be read.</summary>
    public string? BodyExcerpt { get; private init; }

    public string? ContentType { get; private init; }

    /// <summary>Gets the file length from the <c>Content-Range: bytes */N</c> header of an HTTP 416.</summary>
    public long? ContentRangeLength { get; private init; }

    public Exception? Exception { get; private init; }

    /// <summary>Gets a value indicating whether the request provably never left this process.</summary>
    public bool RequestNotSent { get; private init; }

    public static MarketoFailure FromEnvelope(
        HttpStatusCode status, string? requestId, string? code, string? message, string? allErrors) =>
        new(MarketoFailureKind.Envelope)
        {
            StatusCode = status,
            RequestId = requestId,
            ErrorCode = code,
            MarketoMessage = message,
            AllErrors = allErrors,
        };

    public static MarketoFailure FromHttpStatus(
        HttpStatusCode status, string? contentType, string excerpt, long? contentRangeLength = null) =>
        new(MarketoFailureKind.HttpStatus)
        {
            StatusCode = status,
            ContentType = contentType,
            BodyExcerpt = excerpt,
            ContentRangeLength = contentRangeLength,
        };

    public static MarketoFailure FromInvalidBody(
        HttpStatusCode status, string? contentType, string excerpt, Exception? exception) =>
        new(MarketoFailureKind.InvalidBody)
        {
            StatusCode = status,
            ContentType = contentType,
            BodyExcerpt = excerpt,
            Exception = exception,
        };

    /// <summary>Creates a transport failure; only a failure to connect proves that the request was never sent.</summary>
    public static MarketoFailure FromTransport(Exception exception) =>
        new(MarketoFailureKind.Transport)
        {
            Exception = exception,
            RequestNotSent = exception is HttpRequestException
            {
                HttpRequestError: HttpRequestError.NameResolutionError
                    or HttpRequestError.ConnectionError
                    or HttpRequestError.SecureConnectionError
                    or HttpRequestError.ProxyTunnelError,
            },
        };

    public static MarketoFailure FromTimeout(TimeoutException exception) =>
        new(MarketoFailureKind.Timeout) { Exception = exception };

    public static MarketoFailure FromIdentityUnavailable(Exception exception) =>
        new(MarketoFailureKind.IdentityUnavailable) { Exception = exception, RequestNotSent = true };

    /// <summary>Gets a short label of the failure for log lines: the error code, the HTTP status or the kind.</summary>
    public string Label => Kind switch
    {
        MarketoFailureKind.Envelope => ErrorCode ?? "unknown error",
        MarketoFailureKind.HttpStatus or MarketoFailureKind.InvalidBody => $"HTTP {(int?)StatusCode}",
        _ => Kind.ToString(),
    };
}
