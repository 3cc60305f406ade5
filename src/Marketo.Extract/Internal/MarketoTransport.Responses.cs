using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Marketo.Extract.Internal.Json;

namespace Marketo.Extract.Internal;

/// <summary>Reading of responses: Marketo's JSON envelope, and export files without buffering them.</summary>
internal sealed partial class MarketoTransport
{
    /// <summary>The largest JSON-typed file response that is read to check whether it is an error envelope.</summary>
    private const int MaxSniffedFileResponse = 64 * 1024;

    private const int MaxErrorBodyBytes = 4096;

    private async Task<MarketoResponse> ReadJsonResponseAsync(
        MarketoRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.ToString();
        MarketoEnvelope? envelope;
        try
        {
            envelope = (MarketoEnvelope?)JsonSerializer.Deserialize(body, request.EnvelopeType!);
        }
        catch (JsonException exception)
        {
            return MarketoResponse.FromFailure(response.IsSuccessStatusCode
                ? MarketoFailure.FromInvalidBody(status, contentType, _state.Redactor.Excerpt(body), exception)
                : MarketoFailure.FromHttpStatus(status, contentType, _state.Redactor.Excerpt(body)));
        }

        return ReadEnvelope(response, envelope, body);
    }

    private MarketoResponse ReadEnvelope(HttpResponseMessage response, MarketoEnvelope? envelope, byte[] body)
    {
        var status = response.StatusCode;
        if (envelope?.Success is not { } success)
        {
            var contentType = response.Content.Headers.ContentType?.ToString();
            var excerpt = _state.Redactor.Excerpt(body);
            return MarketoResponse.FromFailure(response.IsSuccessStatusCode
                ? MarketoFailure.FromInvalidBody(status, contentType, excerpt, new JsonException("The body has no 'success' member."))
                : MarketoFailure.FromHttpStatus(status, contentType, excerpt));
        }

        if (success && response.IsSuccessStatusCode)
        {
            return MarketoResponse.FromEnvelope(status, envelope);
        }

        if (success)
        {
            var contentType = response.Content.Headers.ContentType?.ToString();
            return MarketoResponse.FromFailure(MarketoFailure.FromHttpStatus(status, contentType, _state.Redactor.Excerpt(body)));
        }

        var errors = envelope.Errors ?? [];
        var first = errors.Count > 0 ? errors[0] : null;
        var all = string.Join("; ", errors.Select(error => $"{error.Code} {error.Message}"));
        return MarketoResponse.FromFailure(MarketoFailure.FromEnvelope(
            status,
            envelope.RequestId,
            first?.Code,
            first?.Message is { } message ? _state.Redactor.Redact(message) : null,
            _state.Redactor.Redact(all)));
    }

    private async Task<MarketoResponse> ReadFileResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if (status is HttpStatusCode.OK or HttpStatusCode.PartialContent)
        {
            return await SniffErrorEnvelopeAsync(response, cancellationToken).ConfigureAwait(false)
                ?? MarketoResponse.FromFile(response);
        }

        var body = await ReadPrefixAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        return MarketoResponse.FromFailure(MarketoFailure.FromHttpStatus(
            status,
            response.Content.Headers.ContentType?.ToString(),
            _state.Redactor.Excerpt(body),
            response.Content.Headers.ContentRange?.Length));
    }

    /// <summary>
    /// Reads a small JSON-typed file response to see whether it is an error envelope, such as 602 for an expired
    /// token, which Marketo sends with HTTP 200. A file is never buffered: only a JSON content type with a known
    /// length of at most 64 KB is read, and if it is not an error its bytes become the file content again.
    /// </summary>
    private async Task<MarketoResponse?> SniffErrorEnvelopeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var isJson = mediaType is not null
            && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (response.StatusCode != HttpStatusCode.OK
            || !isJson
            || response.Content.Headers.ContentLength is not (> 0 and <= MaxSniffedFileResponse))
        {
            return null;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        MarketoEnvelope? envelope = null;
        try
        {
            envelope = JsonSerializer.Deserialize(body, MarketoJsonContext.Default.MarketoEnvelopeJsonElement);
        }
        catch (JsonException)
        {
            // Not an envelope, so it is the file itself.
        }

        if (envelope?.Success == false)
        {
            return ReadEnvelope(response, envelope, body);
        }

        var buffered = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        var original = response.Content;
        response.Content = buffered;
        original.Dispose();
        return null;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var encodings = response.Content.Headers.ContentEncoding;

        // A handler without automatic decompression leaves gzip to the caller; this client asks for it regardless.
        if (encodings.Count == 0)
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        var raw = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (raw.ConfigureAwait(false))
        {
            var decoded = Decompress(raw, encodings.Last());
            await using (decoded.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await decoded.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }
    }

    private static Stream Decompress(Stream raw, string encoding) => encoding.ToUpperInvariant() switch
    {
        "GZIP" => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true),
        "DEFLATE" => new ZLibStream(raw, CompressionMode.Decompress, leaveOpen: true),
        "BR" => new BrotliStream(raw, CompressionMode.Decompress, leaveOpen: true),

        // An unknown encoding is read as is, so that the JSON reader reports the body as invalid with an excerpt.
        _ => raw,
    };

    private static async Task<byte[]> ReadPrefixAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[maxBytes];
            var total = 0;
            int read;
            while (total < maxBytes && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
    }
}
