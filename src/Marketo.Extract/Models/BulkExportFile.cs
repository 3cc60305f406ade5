namespace Marketo.Extract.Models;

/// <summary>The open file of a completed bulk export job, or the part of it from a byte offset.</summary>
public sealed class BulkExportFile : IAsyncDisposable, IDisposable
{
    /// <summary>Initializes a new instance of the <see cref="BulkExportFile"/> class.</summary>
    /// <param name="content">The response body; this object owns it.</param>
    /// <param name="offset">The byte offset of the first byte of <paramref name="content"/> in the file.</param>
    /// <param name="contentLength">The number of bytes <paramref name="content"/> holds, when the server said.</param>
    /// <param name="totalLength">The length of the whole file, when the server said.</param>
    public BulkExportFile(Stream content, long offset, long? contentLength, long? totalLength)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Content = content;
        Offset = offset;
        ContentLength = contentLength;
        TotalLength = totalLength;
    }

    /// <summary>Gets the file's bytes from <see cref="Offset"/> on, streamed from the response.</summary>
    public Stream Content { get; }

    /// <summary>Gets the byte offset in the file at which <see cref="Content"/> starts.</summary>
    public long Offset { get; }

    /// <summary>Gets the number of bytes in <see cref="Content"/>, when the server sent a length.</summary>
    public long? ContentLength { get; }

    /// <summary>Gets the length of the whole file, from <c>Content-Range</c> or <c>Content-Length</c>.</summary>
    public long? TotalLength { get; }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
