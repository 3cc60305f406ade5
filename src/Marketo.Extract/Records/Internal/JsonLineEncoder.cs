using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Writes a record as one JSON object of UTF-8 bytes straight into a buffer, for JSON Lines output.
/// </summary>
/// <remarks>
/// <para>This is the fast path of <see cref="JsonLinesWriter"/>. Property names are the field's bytes escaped once
/// (<see cref="RecordField.Utf8PropertyName"/>), and numbers, literals, dates and instants are the exact bytes
/// <see cref="MarketoRecord.WriteTo"/> writes.</para>
/// <para>Strings are transcoded with the vectorised <see cref="Utf8.FromUtf16"/> straight into the buffer, which is
/// then searched for the bytes to escape: only <c>"</c>, <c>\</c> and control characters U+0000 to U+001F. Every
/// other character, non-ASCII included, is written as raw UTF-8, which RFC 8259 allows. A lone surrogate has no
/// UTF-8 form, so it is written as a <c>\uXXXX</c> escape and no text is lost, where <see cref="Utf8JsonWriter"/>
/// writes U+FFFD.</para>
/// <para>Values of any other type (<see cref="JsonElement"/>, <see cref="Guid"/>, <see cref="int"/> and the other
/// values of records built by hand) and non-finite doubles go through <see cref="MarketoRecord.WriteValue"/> on a
/// <see cref="Utf8JsonWriter"/> over the same buffer, so they are written, or rejected, exactly as by
/// <see cref="MarketoRecord.WriteTo"/>.</para>
/// </remarks>
internal static class JsonLineEncoder
{
    /// <summary>The number of UTF-16 characters transcoded per step, which bounds the space reserved.</summary>
    private const int CharsPerStep = 16 * 1024;

    /// <summary>The maximum number of UTF-8 bytes per UTF-16 character. A surrogate pair needs 4 for its 2.</summary>
    private const int MaxBytesPerChar = 3;

    /// <summary>The length of the longest escape, <c>\uXXXX</c>.</summary>
    private const int MaxEscapeLength = 6;

    /// <summary>
    /// The maximum length of a number's text, with room to spare. A decimal such as
    /// <c>-0.0000000000000000000000000001</c> has 31 characters and a double such as
    /// <c>-1.7976931348623157E+308</c> has 24.
    /// </summary>
    private const int MaxNumberLength = 64;

    /// <summary>The bytes that need an escape: quote, backslash and U+0000 to U+001F.</summary>
    /// <remarks>No byte of a multi-byte UTF-8 sequence is below 0x80, so a match is always a whole character.</remarks>
    private static readonly SearchValues<byte> EscapedBytes = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"u8
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

    /// <summary>Writes the record as a JSON object, without a line end.</summary>
    /// <param name="record">The record.</param>
    /// <param name="buffer">The buffer to append to.</param>
    /// <param name="valueWriter">
    /// A writer over <paramref name="buffer"/> with the JSON Lines options, used for the values this class does not
    /// write itself; it is reset after each use.
    /// </param>
    /// <exception cref="NotSupportedException">A value has a type that has no JSON form here.</exception>
    /// <exception cref="ArgumentException">A double is not finite.</exception>
    public static void WriteRecord(MarketoRecord record, ByteBufferWriter buffer, Utf8JsonWriter valueWriter)
    {
        var fields = record.Schema.FieldSpan;
        var values = record.ValueSpan;
        var cursor = new BufferCursor(buffer);
        cursor.Reserve(1)[0] = (byte)'{';
        cursor.Advance(1);
        for (var i = 0; i < values.Length; i++)
        {
            // Each name starts with a comma, which the first property leaves out.
            var name = fields[i].Utf8PropertyName.AsSpan(i == 0 ? 1 : 0);
            WriteProperty(ref cursor, name, fields[i], values[i], valueWriter);
        }

        cursor.Reserve(1)[0] = (byte)'}';
        cursor.Advance(1);
        cursor.Commit();
    }

    private static void WriteProperty(
        ref BufferCursor cursor, ReadOnlySpan<byte> name, RecordField field, object? value, Utf8JsonWriter valueWriter)
    {
        switch (value)
        {
            case null:
                WriteLiteral(ref cursor, name, "null"u8);
                break;
            case string text:
                WriteString(ref cursor, name, text);
                break;
            case long number:
                WriteNumber(ref cursor, name, number);
                break;
            case bool flag:
                WriteLiteral(ref cursor, name, flag ? "true"u8 : "false"u8);
                break;
            case decimal number:
                WriteNumber(ref cursor, name, number);
                break;
            case double number when double.IsFinite(number):
                WriteNumber(ref cursor, name, number);
                break;
            case DateTimeOffset instant:
                WriteInstant(ref cursor, name, instant.UtcDateTime);
                break;
            case DateOnly date:
                WriteDate(ref cursor, name, date);
                break;
            default:
                WriteWithJsonWriter(ref cursor, name, field, value, valueWriter);
                break;
        }
    }

    private static void WriteLiteral(ref BufferCursor cursor, ReadOnlySpan<byte> name, ReadOnlySpan<byte> literal)
    {
        var span = cursor.Reserve(name.Length + literal.Length);
        name.CopyTo(span);
        literal.CopyTo(span[name.Length..]);
        cursor.Advance(name.Length + literal.Length);
    }

    private static void WriteNumber<T>(ref BufferCursor cursor, ReadOnlySpan<byte> name, T number)
        where T : IUtf8SpanFormattable
    {
        var span = cursor.Reserve(name.Length + MaxNumberLength);
        name.CopyTo(span);
        if (!number.TryFormat(span[name.Length..], out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"The number {number} is longer than {MaxNumberLength} bytes.");
        }

        cursor.Advance(name.Length + written);
    }

    private static void WriteInstant(ref BufferCursor cursor, ReadOnlySpan<byte> name, DateTime utc)
    {
        var span = cursor.Reserve(name.Length + IsoDateFormatter.MaxInstantLength + 2);
        name.CopyTo(span);
        span[name.Length] = (byte)'"';
        var length = IsoDateFormatter.WriteInstant(utc, span[(name.Length + 1)..]);
        span[name.Length + 1 + length] = (byte)'"';
        cursor.Advance(name.Length + length + 2);
    }

    private static void WriteDate(ref BufferCursor cursor, ReadOnlySpan<byte> name, DateOnly date)
    {
        var span = cursor.Reserve(name.Length + IsoDateFormatter.DateLength + 2);
        name.CopyTo(span);
        span[name.Length] = (byte)'"';
        IsoDateFormatter.WriteDate(date, span[(name.Length + 1)..]);
        span[name.Length + 1 + IsoDateFormatter.DateLength] = (byte)'"';
        cursor.Advance(name.Length + IsoDateFormatter.DateLength + 2);
    }

    private static void WriteString(ref BufferCursor cursor, ReadOnlySpan<byte> name, ReadOnlySpan<char> text)
    {
        var span = cursor.Reserve(name.Length + 1);
        name.CopyTo(span);
        span[name.Length] = (byte)'"';
        cursor.Advance(name.Length + 1);
        while (!text.IsEmpty)
        {
            var step = text[..GetStepLength(text)];
            span = cursor.Reserve(step.Length * MaxBytesPerChar);
            var status = Utf8.FromUtf16(step, span, out var read, out var written, replaceInvalidSequences: false);
            var special = span[..written].IndexOfAny(EscapedBytes);
            if (special < 0)
            {
                cursor.Advance(written);
            }
            else
            {
                cursor.Advance(special);
                WriteEscaped(ref cursor, span[special..written]);
            }

            text = text[read..];
            if (status == OperationStatus.InvalidData)
            {
                // A lone surrogate, which has no UTF-8 form.
                cursor.Advance(WriteEscape(text[0], cursor.Reserve(MaxEscapeLength)));
                text = text[1..];
            }
        }

        cursor.Reserve(1)[0] = (byte)'"';
        cursor.Advance(1);
    }

    /// <summary>
    /// Writes UTF-8 text that starts with a byte that needs an escape, with every such byte escaped.
    /// </summary>
    /// <param name="cursor">The cursor, whose free space starts at <paramref name="text"/>.</param>
    /// <param name="text">The text, in the cursor's free space, so it is copied before anything is written.</param>
    private static void WriteEscaped(ref BufferCursor cursor, ReadOnlySpan<byte> text)
    {
        byte[]? rented = null;
        var copy = text.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(text.Length));
        text.CopyTo(copy);
        ReadOnlySpan<byte> rest = copy[..text.Length];
        while (!rest.IsEmpty)
        {
            var special = rest[1..].IndexOfAny(EscapedBytes);
            var plainLength = special < 0 ? rest.Length - 1 : special;
            var span = cursor.Reserve(MaxEscapeLength + plainLength);
            var length = WriteEscape((char)rest[0], span);
            rest.Slice(1, plainLength).CopyTo(span[length..]);
            cursor.Advance(length + plainLength);
            rest = rest[(1 + plainLength)..];
        }

        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Returns the length of the next step, which never splits a surrogate pair.</summary>
    private static int GetStepLength(ReadOnlySpan<char> text)
    {
        if (text.Length <= CharsPerStep)
        {
            return text.Length;
        }

        return char.IsHighSurrogate(text[CharsPerStep - 1]) ? CharsPerStep - 1 : CharsPerStep;
    }

    private static int WriteEscape(char character, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        var shortForm = character switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            destination[1] = shortForm;
            return 2;
        }

        // Upper-case hex digits, as Utf8JsonWriter writes them.
        var hex = "0123456789ABCDEF"u8;
        destination[1] = (byte)'u';
        destination[2] = hex[character >> 12];
        destination[3] = hex[(character >> 8) & 0xF];
        destination[4] = hex[(character >> 4) & 0xF];
        destination[5] = hex[character & 0xF];
        return MaxEscapeLength;
    }

    private static void WriteWithJsonWriter(
        ref BufferCursor cursor, ReadOnlySpan<byte> name, RecordField field, object value, Utf8JsonWriter valueWriter)
    {
        name.CopyTo(cursor.Reserve(name.Length));
        cursor.Advance(name.Length);
        cursor.Commit();

        // The writer writes the value as a root value, so it adds no separator, and it checks it as WriteTo does.
        MarketoRecord.WriteValue(valueWriter, field, value);
        valueWriter.Flush();
        valueWriter.Reset();
    }

    /// <summary>
    /// The free space of a <see cref="ByteBufferWriter"/>, written to directly and committed to the buffer only
    /// when more space is needed or the record is complete, so that small values cost no buffer calls.
    /// </summary>
    private ref struct BufferCursor(ByteBufferWriter buffer)
    {
        /// <summary>The minimum space taken from the buffer at a time.</summary>
        private const int MinReserve = 4096;

        private readonly ByteBufferWriter _buffer = buffer;
        private Span<byte> _free;
        private int _written;

        /// <summary>Returns at least <paramref name="count"/> bytes of free space at the current position.</summary>
        public Span<byte> Reserve(int count)
        {
            if (_free.Length - _written < count)
            {
                Commit();
                _free = _buffer.GetSpan(Math.Max(count, MinReserve));
            }

            return _free[_written..];
        }

        public void Advance(int count) => _written += count;

        /// <summary>Adds what was written to the buffer, which others may then write to.</summary>
        public void Commit()
        {
            _buffer.Advance(_written);
            _free = default;
            _written = 0;
        }
    }
}
