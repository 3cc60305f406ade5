using System.Text;
using System.Text.Json;

namespace Marketo.Extract.Records.Internal;

/// <summary>Reusable buffers for the JSON of one file's <c>attributes</c> column, so rows allocate only values.</summary>
internal sealed class JsonScratch : IDisposable
{
    private byte[] _utf8 = new byte[1024];
    private char[] _chars = new char[256];

    public JsonScratch()
    {
        Buffer = new ByteBufferWriter(1024);
        Writer = new Utf8JsonWriter(Buffer);
    }

    /// <summary>Gets the buffer of <see cref="Writer"/>; <see cref="StartWriting"/> empties both.</summary>
    public ByteBufferWriter Buffer { get; }

    public Utf8JsonWriter Writer { get; }

    /// <summary>Encodes text as UTF-8; the bytes are valid until the next call.</summary>
    public ReadOnlySpan<byte> ToUtf8(ReadOnlySpan<char> text)
    {
        var maxLength = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_utf8.Length < maxLength)
        {
            _utf8 = new byte[Math.Max(maxLength, _utf8.Length * 2)];
        }

        return _utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, _utf8));
    }

    /// <summary>Returns the unescaped text of the string or number token the reader is on.</summary>
    public ReadOnlySpan<char> GetTokenText(ref Utf8JsonReader reader)
    {
        var length = reader.ValueSpan.Length;
        if (_chars.Length < length)
        {
            _chars = new char[Math.Max(length, _chars.Length * 2)];
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return _chars.AsSpan(0, reader.CopyString(_chars));
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(reader.ValueSpan, _chars));
    }

    public void StartWriting()
    {
        Writer.Reset();
        Buffer.Clear();
    }

    /// <summary>Returns what <see cref="Writer"/> wrote as a standalone element.</summary>
    public JsonElement FinishWriting()
    {
        Writer.Flush();
        var reader = new Utf8JsonReader(Buffer.WrittenMemory.Span);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Returns a JSON string element holding the text.</summary>
    public JsonElement ToJsonString(ReadOnlySpan<char> text)
    {
        StartWriting();
        Writer.WriteStringValue(text);
        return FinishWriting();
    }

    public void Dispose()
    {
        Writer.Dispose();
        Buffer.Dispose();
    }
}
