using System.Net;
using System.Net.Http.Headers;
using Marketo.Extract.Internal;
using Marketo.Extract.Models;

namespace Marketo.Extract;

/// <summary>Streaming download of export files, resumable at a byte offset.</summary>
public sealed partial class MarketoClient
{
    private const int SkipBufferSize = 81920;

    /// <inheritdoc />
    /// <remarks>
    /// The response is streamed, never buffered. A concurrency slot is held only until the headers arrive, so a
    /// slow reader does not block other calls. When the server ignores the <c>Range</c> header and sends the whole
    /// file, the bytes before <paramref name="offset"/> are read and dropped; they count in
    /// <see cref="MarketoClientStatistics.BytesDownloaded"/> like every byte received.
    /// </remarks>
    public async Task<BulkExportFile> OpenExportFileAsync(
        BulkExportObject kind, string exportId, long offset = 0, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrWhiteSpace(exportId);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var request = new MarketoRequest
        {
            Method = HttpMethod.Get,
            Path = $"/bulk/v1/{BulkExportMapping.PathSegment(kind)}/export/{Uri.EscapeDataString(exportId)}/file.json",
            RangeOffset = offset,
            ExportKind = kind,
            ExportId = exportId,
        };
        var call = new MarketoCall(request);
        var response = await _transport.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
        try
        {
            _transport.ThrowIfFailed(call, response);
            return await OpenFileAsync(request, response.File!, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<BulkExportFile> OpenFileAsync(
        MarketoRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = response.Content.Headers;
        var offset = request.RangeOffset;
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            CheckContentRange(request, headers.ContentRange);
            var partial = await OpenCountingStreamAsync(response, cancellationToken).ConfigureAwait(false);
            return new BulkExportFile(partial, offset, headers.ContentLength, headers.ContentRange?.Length);
        }

        var total = headers.ContentLength;
        if (offset == 0)
        {
            var whole = await OpenCountingStreamAsync(response, cancellationToken).ConfigureAwait(false);
            return new BulkExportFile(whole, 0, total, total);
        }

        // HTTP 200 to a ranged request: the server sent the whole file, so the bytes before the offset are dropped.
        if (total is { } length && length <= offset)
        {
            throw OffsetPastEnd(request, length);
        }

        ClientLog.RangeIgnored(_state.Logger, request.ExportId!, offset);
        var stream = await OpenCountingStreamAsync(response, cancellationToken).ConfigureAwait(false);
        await SkipAsync(stream, request, cancellationToken).ConfigureAwait(false);
        return new BulkExportFile(stream, offset, total - offset, total);
    }

    private async Task<Stream> OpenCountingStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new ByteCountingStream(content, response, _state.Statistics);
    }

    private static void CheckContentRange(MarketoRequest request, ContentRangeHeaderValue? range)
    {
        if (range is { HasRange: true, From: { } from } && from != request.RangeOffset)
        {
            throw new MarketoException(
                $"{request.Description} answered the request for bytes {request.RangeOffset}- with bytes {range}; " +
                "the download cannot be resumed from the right place. Open the file again at offset 0.")
            {
                StatusCode = HttpStatusCode.PartialContent,
            };
        }
    }

    private static async Task SkipAsync(Stream stream, MarketoRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(SkipBufferSize, request.RangeOffset)];
        var remaining = request.RangeOffset;
        try
        {
            while (remaining > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    throw OffsetPastEnd(request, request.RangeOffset - remaining);
                }

                remaining -= read;
            }
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static MarketoException OffsetPastEnd(MarketoRequest request, long length) =>
        new($"{request.Description} returned a file of {length} bytes, which has no byte at offset {request.RangeOffset}. " +
            "Resume from an offset below the file length, or treat the download as complete if every byte was read.")
        {
            StatusCode = HttpStatusCode.OK,
        };
}
