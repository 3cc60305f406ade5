using System.Text.Json.Serialization.Metadata;
using Marketo.Extract.Models;

namespace Marketo.Extract.Internal;

/// <summary>How the retry policy treats a request whose outcome is uncertain.</summary>
internal enum MarketoRetryMode
{
    /// <summary>Reads and idempotent writes: every transient failure is retried.</summary>
    Idempotent,

    /// <summary>
    /// Bulk export creation: retried only when Marketo cannot have created the job, because a blind retry after a
    /// dropped connection could leave a second, unaccounted job.
    /// </summary>
    CreateExport,
}

/// <summary>One logical call to Marketo, which the transport may send several times.</summary>
internal sealed class MarketoRequest
{
    /// <summary>Gets the HTTP method.</summary>
    public required HttpMethod Method { get; init; }

    /// <summary>Gets the path, such as <c>/rest/v1/lists.json</c>; it never contains a secret and is safe to log.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the encoded query without the leading <c>?</c>.</summary>
    public string? Query { get; init; }

    /// <summary>Gets the UTF-8 JSON body, kept as bytes so that every attempt can send it again.</summary>
    public byte[]? JsonBody { get; init; }

    /// <summary>Gets the metadata of the typed envelope to read; <see langword="null"/> for a file download.</summary>
    public JsonTypeInfo? EnvelopeType { get; init; }

    /// <summary>Gets the retry policy of the request.</summary>
    public MarketoRetryMode RetryMode { get; init; }

    /// <summary>Gets the first byte of the export file to read; above 0 the request carries a <c>Range</c> header.</summary>
    public long RangeOffset { get; init; }

    /// <summary>Gets the kind of export the request concerns, for error messages.</summary>
    public BulkExportObject? ExportKind { get; init; }

    /// <summary>Gets the export id the request concerns, for error messages.</summary>
    public string? ExportId { get; init; }

    /// <summary>Gets a value indicating whether the response is an export file, streamed rather than read as JSON.</summary>
    public bool IsFileDownload => EnvelopeType is null;

    /// <summary>Gets the method and path, the form in which requests appear in logs and messages.</summary>
    public string Description => $"{Method.Method} {Path}";
}
