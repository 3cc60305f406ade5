using System.Text.Json;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Records;

/// <summary>
/// Writes records as JSON Lines: one compact JSON object per line, each ended by <c>\n</c>, in UTF-8.
/// </summary>
/// <remarks>
/// <para>Each line contains the properties <see cref="MarketoRecord.WriteTo"/> writes, in the same order and with the
/// same values. Property names, numbers, <c>true</c>, <c>false</c>, <c>null</c>, dates, instants and
/// <see cref="System.Text.Json.JsonElement"/> values are the same bytes too. Strings differ only in their
/// escaping. A line escapes only <c>"</c> as <c>\"</c>, <c>\</c> as <c>\\</c>, and the control characters U+0000
/// to U+001F, as <c>\b</c>, <c>\t</c>, <c>\n</c>, <c>\f</c>, <c>\r</c> or <c>\u00XX</c>. Every other character is
/// written as UTF-8, as RFC 8259 allows. That includes U+007F, U+2028, U+2029, characters outside the Basic
/// Multilingual Plane, private-use and unassigned code points, all of which <see cref="MarketoRecord.WriteTo"/>
/// escapes with the relaxed encoder.</para>
/// <para>A lone surrogate (half of a UTF-16 pair, which only a record built by hand can hold) has no UTF-8 form, so
/// it is written as an escape such as <c>\uD800</c>, where <see cref="MarketoRecord.WriteTo"/> writes U+FFFD.
/// JavaScript's <c>JSON.parse</c> and Python's <c>json</c> module read the escape back as the original character,
/// but <c>System.Text.Json</c> throws when it reads such a string as a <see cref="string"/>.</para>
/// <para>Lines are buffered and written to the stream in blocks of about 64 KiB, so call
/// <see cref="FlushAsync"/> or dispose the writer to write the rest.</para>
/// <para>A record that fails to write (a value with no JSON form, or a double that is not finite) leaves no partial
/// line behind. The writer is not safe for use from several threads at once.</para>
/// </remarks>
public sealed partial class JsonLinesWriter : IAsyncDisposable, IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ByteBufferWriter _buffer = new(FlushThreshold + (FlushThreshold / 2));
    private readonly Utf8JsonWriter _writer;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="JsonLinesWriter"/> class.</summary>
    /// <param name="stream">The stream to write to.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open when the writer is disposed.</param>
    public JsonLinesWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _writer = new Utf8JsonWriter(_buffer, JsonLinesFormat.WriterOptions);
    }

    /// <summary>Gets the number of records written, including those still buffered.</summary>
    public long RecordsWritten { get; private set; }

    /// <summary>Adds a record as a line, and writes the buffered lines to the stream when the buffer is full.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">The token that cancels the write.</param>
    /// <returns>A task that completes when the line is buffered or written.</returns>
    /// <exception cref="NotSupportedException">A value has no JSON form; nothing of the record was written.</exception>
    /// <exception cref="ArgumentException">A double is NaN or infinite; nothing of the record was written.</exception>
    public ValueTask WriteAsync(MarketoRecord record, CancellationToken cancellationToken = default)
    {
        Append(record);
        return _buffer.WrittenCount < FlushThreshold ? ValueTask.CompletedTask : WriteBufferAsync(cancellationToken);
    }

    /// <summary>Adds a record as a line, and writes the buffered lines to the stream when the buffer is full.</summary>
    /// <param name="record">The record.</param>
    /// <exception cref="NotSupportedException">A value has no JSON form; nothing of the record was written.</exception>
    /// <exception cref="ArgumentException">A double is NaN or infinite; nothing of the record was written.</exception>
    public void Write(MarketoRecord record)
    {
        Append(record);
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            WriteBuffer();
        }
    }

    /// <summary>Writes the buffered lines to the stream and flushes it.</summary>
    /// <param name="cancellationToken">The token that cancels the write.</param>
    /// <returns>A task that completes when the stream is flushed.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await WriteBufferAsync(cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the buffered lines to the stream and flushes it.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteBuffer();
        _stream.Flush();
    }

    /// <summary>Writes the buffered lines, then closes the stream unless it was to be left open.</summary>
    /// <returns>A task that completes when the writer is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            await _writer.DisposeAsync().ConfigureAwait(false);
            _buffer.Dispose();
            if (!_leaveOpen)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes the buffered lines, then closes the stream unless it was to be left open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            _writer.Dispose();
            _buffer.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void Append(MarketoRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var lineStart = _buffer.WrittenCount;
        try
        {
            JsonLineEncoder.WriteRecord(record, _buffer, _writer);
        }
        catch
        {
            _writer.Reset();
            _buffer.Truncate(lineStart);
            throw;
        }

        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        RecordsWritten++;
    }

    private async ValueTask WriteBufferAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount > 0)
        {
            await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _buffer.Clear();
        }
    }

    private void WriteBuffer()
    {
        if (_buffer.WrittenCount > 0)
        {
            _stream.Write(_buffer.WrittenMemory.Span);
            _buffer.Clear();
        }
    }
}
