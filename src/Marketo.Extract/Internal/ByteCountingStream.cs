namespace Marketo.Extract.Internal;

/// <summary>
/// A read-only, forward-only view of an export file response that adds every byte read to
/// <see cref="MarketoClientStatistics.BytesDownloaded"/> and disposes the response with itself.
/// </summary>
internal sealed class ByteCountingStream : Stream
{
    private readonly Stream _inner;
    private readonly IDisposable? _owner;
    private readonly MarketoClientStatistics _statistics;

    public ByteCountingStream(Stream inner, IDisposable? owner, MarketoClientStatistics statistics)
    {
        _inner = inner;
        _owner = owner;
        _statistics = statistics;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("An export file stream cannot report its length; see BulkExportFile.ContentLength.");

    public override long Position
    {
        get => throw new NotSupportedException("An export file stream is forward-only.");
        set => throw new NotSupportedException("An export file stream is forward-only.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await _inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("An export file stream is forward-only; open the file again at another offset.");

    public override void SetLength(long value) => throw new NotSupportedException("An export file stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("An export file stream is read-only.");

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _owner?.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _statistics.AddBytesDownloaded(read);
        return read;
    }
}
