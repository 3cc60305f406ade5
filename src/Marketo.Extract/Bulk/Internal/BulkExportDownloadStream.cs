using System.Buffers;
using System.Security.Cryptography;
using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>
/// The file of a completed export job as one forward-only stream. After a dropped connection it reconnects with a
/// ranged request from the last byte received, and it checks the bytes against the job's <c>fileSize</c> and SHA-256
/// <c>fileChecksum</c> as they pass, throwing <see cref="BulkExportIntegrityException"/> at the end on a mismatch.
/// </summary>
/// <remarks>
/// Nothing is buffered beyond the caller's read buffer and nothing is written to disk. The synchronous
/// <see cref="Read(byte[], int, int)"/> blocks on the asynchronous path, because the client only opens files
/// asynchronously; prefer <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.
/// </remarks>
internal sealed class BulkExportDownloadStream : Stream
{
    private const string ChecksumPrefix = "sha256:";
    private const int Sha256HexLength = 64;
    private static readonly TimeSpan MaxResumeDelay = TimeSpan.FromSeconds(60);

    private readonly BulkExportContext _context;
    private readonly BulkExportObject _kind;
    private readonly string _exportId;
    private readonly long? _expectedSize;
    private readonly string? _expectedChecksum;
    private readonly IncrementalHash? _hash;
    private readonly Action<long, bool> _onBytesDownloaded;

    private BulkExportFile? _response;
    private long _received;
    private long _receivedFromResponse;
    private long _receivedAtLastFailure = -1;
    private int _failuresInARow;
    private bool _endOfFile;
    private MarketoException? _terminalError;
    private bool _disposed;

    /// <summary>Initializes a stream over the file of a completed job; <see cref="ConnectAsync"/> opens it.</summary>
    /// <param name="context">The client, options, clock and logger.</param>
    /// <param name="kind">Whether the job exports leads or activities.</param>
    /// <param name="info">The completed job, with the file's size and checksum.</param>
    /// <param name="onBytesDownloaded">Receives the bytes received so far, and whether the file has ended.</param>
    internal BulkExportDownloadStream(
        BulkExportContext context, BulkExportObject kind, BulkExportJobInfo info, Action<long, bool> onBytesDownloaded)
    {
        _context = context;
        _kind = kind;
        _exportId = info.ExportId;
        _expectedSize = info.FileSize;
        _onBytesDownloaded = onBytesDownloaded;
        if (context.Options.VerifyChecksum)
        {
            _expectedChecksum = ParseChecksum(info.FileChecksum);
            _hash = _expectedChecksum is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
    }

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException("The stream cannot seek; the job's Info.FileSize gives the file size.");

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException("The stream cannot seek.");
        set => throw new NotSupportedException("The stream cannot seek.");
    }

    /// <summary>Opens the first connection, so that a missing file fails here and not on the first read.</summary>
    internal async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            _response = await OpenAtAsync(0, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken))
        {
            await ReconnectAsync(exception, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_terminalError is not null)
        {
            throw _terminalError;
        }

        if (_endOfFile || buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            var response = _response ?? throw new InvalidOperationException("The stream is not connected.");
            int read;
            try
            {
                read = await response.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken) && !HasAllBytes())
            {
                await ReconnectAsync(exception, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken))
            {
                // Every reported byte arrived before the connection broke, so there is nothing left to resume.
                read = 0;
            }

            if (read > 0)
            {
                return Accept(buffer.Span[..read]);
            }

            if (response.ContentLength is { } length && _receivedFromResponse < length && !HasAllBytes())
            {
                var cause = new IOException(
                    $"The response ended after {_receivedFromResponse} of its {length} bytes (Content-Length).");
                await ReconnectAsync(cause, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await FinishAsync().ConfigureAwait(false);
            return 0;
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream cannot seek.");

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (!_disposed && _response is not null)
        {
            await _response.DisposeAsync().ConfigureAwait(false);
            _response = null;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _response?.Dispose();
            _response = null;
            _hash?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static bool IsConnectionFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is IOException or HttpRequestException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private bool HasAllBytes() => _expectedSize is { } size && _received >= size;

    private int Accept(Span<byte> bytes)
    {
        _receivedFromResponse += bytes.Length;
        var count = bytes.Length;
        if (_expectedSize is { } size && _received + count > size)
        {
            // Bytes up to the reported size are handed out; the read after them fails, so the extra never leaves.
            _terminalError = BulkExportErrors.TooManyBytes(_exportId, size, _received + count);
            count = (int)(size - _received);
            if (count == 0)
            {
                throw _terminalError;
            }
        }

        _hash?.AppendData(bytes[..count]);
        _received += count;
        _onBytesDownloaded(_received, false);
        return count;
    }

    private async Task FinishAsync()
    {
        _endOfFile = true;
        if (_response is not null)
        {
            await _response.DisposeAsync().ConfigureAwait(false);
            _response = null;
        }

        _onBytesDownloaded(_received, true);
        var actualChecksum = _hash is null ? null : ToLowerHex(_hash.GetHashAndReset());
        var sizeMatches = _expectedSize is null || _expectedSize == _received;
        var checksumMatches = _expectedChecksum is null || _expectedChecksum == actualChecksum;
        if (!sizeMatches || !checksumMatches)
        {
            _terminalError = BulkExportErrors.Mismatch(_exportId, _expectedSize, _received, _expectedChecksum, actualChecksum);
            throw _terminalError;
        }

        Log.DownloadVerified(_context.Logger, _kind, _exportId, _received, actualChecksum is not null);
    }

    /// <summary>
    /// Closes the broken connection and opens a new one at the first byte not yet received, waiting longer before
    /// each attempt. Only attempts in a row that bring no new byte count against the limit.
    /// </summary>
    private async Task ReconnectAsync(Exception cause, CancellationToken cancellationToken)
    {
        if (_response is not null)
        {
            await _response.DisposeAsync().ConfigureAwait(false);
            _response = null;
        }

        var maxAttempts = _context.Options.DownloadResumeAttempts;
        while (true)
        {
            if (_received != _receivedAtLastFailure)
            {
                _failuresInARow = 0;
                _receivedAtLastFailure = _received;
            }

            _failuresInARow++;
            if (_failuresInARow > maxAttempts)
            {
                _terminalError = BulkExportErrors.DownloadFailed(_kind, _exportId, _received, _expectedSize, maxAttempts, cause);
                throw _terminalError;
            }

            var delay = GetResumeDelay(_failuresInARow);
            Log.DownloadResuming(
                _context.Logger, _kind, _exportId, _received, _expectedSize, _failuresInARow, maxAttempts, delay, cause.Message);
            await Task.Delay(delay, _context.TimeProvider, cancellationToken).ConfigureAwait(false);
            try
            {
                _response = await OpenAtAsync(_received, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken))
            {
                cause = exception;
            }
        }
    }

    private TimeSpan GetResumeDelay(int attempt)
    {
        var baseTicks = _context.Options.DownloadResumeDelay.Ticks;
        var ticks = Math.Min(baseTicks * Math.Pow(2, attempt - 1), MaxResumeDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private async Task<BulkExportFile> OpenAtAsync(long offset, CancellationToken cancellationToken)
    {
        var response = await _context.Client.OpenExportFileAsync(_kind, _exportId, offset, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            if (response.Offset > offset)
            {
                throw BulkExportErrors.ResumedPastOffset(_kind, _exportId, offset, response.Offset);
            }

            _receivedFromResponse = 0;
            if (response.Offset < offset)
            {
                await SkipAsync(response, offset - response.Offset, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        catch
        {
            await response.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // A server that ignores the Range header sends the file from its start; drop the bytes already received.
    private async Task SkipAsync(BulkExportFile response, long count, CancellationToken cancellationToken)
    {
        Log.DownloadSkipping(_context.Logger, _kind, _exportId, response.Offset, count);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (_receivedFromResponse < count)
            {
                var wanted = (int)Math.Min(buffer.Length, count - _receivedFromResponse);
                var read = await response.Content.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The response ended after {_receivedFromResponse} bytes, before byte {count}.");
                }

                _receivedFromResponse += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string? ParseChecksum(string? checksum)
    {
        var hex = checksum is not null && checksum.StartsWith(ChecksumPrefix, StringComparison.OrdinalIgnoreCase)
            ? checksum[ChecksumPrefix.Length..]
            : checksum;
        if (hex is null || hex.Length != Sha256HexLength || !hex.All(char.IsAsciiHexDigit))
        {
            Log.ChecksumNotVerifiable(_context.Logger, _kind, _exportId, checksum);
            return null;
        }

        return ToLowerAscii(hex);
    }

    private static string ToLowerHex(byte[] hash) => ToLowerAscii(Convert.ToHexString(hash));

    private static string ToLowerAscii(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.ToLowerInvariant(source[i]);
            }
        });
}
