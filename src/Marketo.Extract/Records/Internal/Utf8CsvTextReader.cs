using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Decodes the UTF-8 bytes of an export file into characters for Sep, whatever charset the server declared.
/// </summary>
/// <remarks>
/// <para>A leading UTF-8 byte order mark is skipped and NUL characters are dropped, because Marketo files
/// can contain NULs that no consumer wants and that would make JSON attribute values invalid.</para>
/// <para>Each byte that is not part of a valid UTF-8 sequence becomes one lone low surrogate, U+DC00 plus
/// the byte value. Valid UTF-8 never decodes to a lone surrogate, so the decoder can find the exact row
/// and column of the bad byte and reject it (see <see cref="FindInvalidByte"/>), instead of this reader
/// failing somewhere ahead of the rows Sep has handed out.</para>
/// <para>The caller's stream is not disposed.</para>
/// </remarks>
internal sealed class Utf8CsvTextReader : TextReader
{
    private const int ByteBufferLength = 64 * 1024;
    private const char FirstByteMarker = '\uDC00';

    private readonly Stream _stream;
    private byte[] _bytes;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;
    private bool _checkedByteOrderMark;
    private char? _pendingChar;

    public Utf8CsvTextReader(Stream stream)
    {
        _stream = stream;
        _bytes = ArrayPool<byte>.Shared.Rent(ByteBufferLength);
    }

    /// <summary>Gets the number of NUL characters dropped so far.</summary>
    public long NulCharactersDropped { get; private set; }

    /// <summary>Gets the offset in the stream of the first byte that is not valid UTF-8, or -1.</summary>
    public long FirstInvalidByteOffset { get; private set; } = -1;

    /// <summary>Gets the value of the first byte that is not valid UTF-8.</summary>
    public byte FirstInvalidByte { get; private set; }

    /// <summary>Gets a value indicating whether any byte so far was not valid UTF-8.</summary>
    public bool HasInvalidBytes => FirstInvalidByteOffset >= 0;

    /// <summary>Returns the index of the first marker of an invalid byte in <paramref name="text"/>, or -1.</summary>
    public static int FindInvalidByte(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var index = text[offset..].IndexOfAnyInRange(FirstByteMarker, '\uDCFF');
            if (index < 0)
            {
                return -1;
            }

            index += offset;
            if (index == 0 || !char.IsHighSurrogate(text[index - 1]))
            {
                return index;
            }

            offset = index + 1;
        }
    }

    /// <summary>Returns the invalid byte that a marker found by <see cref="FindInvalidByte"/> replaced.</summary>
    public static byte ToInvalidByte(char marker) => (byte)(marker - FirstByteMarker);

    public override int Read(Span<char> buffer)
    {
        if (TryTakePending(buffer, out var taken))
        {
            return taken;
        }

        while (true)
        {
            if (_end - _start < 4 && !_endOfStream)
            {
                FillBytes(_stream.Read(PrepareFill()));
                continue;
            }

            var written = DecodeInto(buffer);
            if (written > 0 || (_endOfStream && _start == _end))
            {
                return written;
            }
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (TryTakePending(buffer.Span, out var taken))
        {
            return taken;
        }

        while (true)
        {
            if (_end - _start < 4 && !_endOfStream)
            {
                PrepareFill();
                var read = await _stream.ReadAsync(_bytes.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                FillBytes(read);
                continue;
            }

            var written = DecodeInto(buffer.Span);
            if (written > 0 || (_endOfStream && _start == _end))
            {
                return written;
            }
        }
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override Task<int> ReadAsync(char[] buffer, int index, int count) =>
        ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Peek() => throw new NotSupportedException("Peek is not supported by this reader.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && _bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }

        base.Dispose(disposing);
    }

    private Span<byte> PrepareFill()
    {
        if (_start > 0)
        {
            _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        return _bytes.AsSpan(_end);
    }

    private void FillBytes(int read)
    {
        _end += read;
        _endOfStream = read == 0;
        if (!_checkedByteOrderMark && (_end >= 3 || _endOfStream))
        {
            _checkedByteOrderMark = true;
            if (_bytes.AsSpan(0, _end).StartsWith(Encoding.UTF8.Preamble))
            {
                _start = 3;
            }
        }
    }

    /// <summary>Hands out the character a one-character read could not take, if there is one.</summary>
    private bool TryTakePending(Span<char> buffer, out int taken)
    {
        taken = 0;
        if (buffer.IsEmpty)
        {
            return true;
        }

        if (_pendingChar is not { } pending)
        {
            return false;
        }

        buffer[0] = pending;
        _pendingChar = null;
        taken = 1;
        return true;
    }

    /// <summary>
    /// Decodes into <paramref name="buffer"/>. Sep requests one character when its own buffer is nearly full. Such a
    /// read gets the first of two decoded characters and the next read gets the second, so the decoder never has to
    /// split a surrogate pair.
    /// </summary>
    private int DecodeInto(Span<char> buffer)
    {
        if (buffer.Length >= 2)
        {
            return Decode(buffer);
        }

        Span<char> pair = stackalloc char[2];
        var written = Decode(pair);
        if (written == 0)
        {
            return 0;
        }

        buffer[0] = pair[0];
        if (written == 2)
        {
            _pendingChar = pair[1];
        }

        return 1;
    }

    private int Decode(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _start < _end)
        {
            var status = Utf8.ToUtf16(
                _bytes.AsSpan(_start, _end - _start),
                buffer[written..],
                out var bytesRead,
                out var charsWritten,
                replaceInvalidSequences: false,
                isFinalBlock: _endOfStream);
            _start += bytesRead;
            written += charsWritten;
            if (status == OperationStatus.InvalidData)
            {
                if (written == buffer.Length)
                {
                    break;
                }

                MarkInvalidByte(buffer, ref written);
            }
            else if (status is OperationStatus.NeedMoreData or OperationStatus.DestinationTooSmall)
            {
                break;
            }
        }

        return DropNulCharacters(buffer[..written]);
    }

    private void MarkInvalidByte(Span<char> buffer, ref int written)
    {
        var invalid = _bytes[_start];
        if (!HasInvalidBytes)
        {
            FirstInvalidByteOffset = _bufferOffset + _start;
            FirstInvalidByte = invalid;
        }

        buffer[written++] = (char)(FirstByteMarker + invalid);
        _start++;
    }

    private int DropNulCharacters(Span<char> chars)
    {
        var next = chars.IndexOf('\0');
        if (next < 0)
        {
            return chars.Length;
        }

        var kept = next;
        for (var i = next; i < chars.Length; i++)
        {
            if (chars[i] != '\0')
            {
                chars[kept++] = chars[i];
            }
        }

        NulCharactersDropped += chars.Length - kept;
        return kept;
    }
}
