using System.Globalization;

namespace Marketo.Extract.Records.Internal;

/// <summary>Finds JSON escapes that System.Text.Json parses but cannot turn into a string.</summary>
internal static class JsonEscapes
{
    /// <summary>
    /// Returns the byte index of the first <c>\u</c> escape of a surrogate that is not part of a high-low pair, or -1.
    /// </summary>
    /// <remarks>
    /// <see cref="System.Text.Json.Utf8JsonReader"/> and <see cref="System.Text.Json.JsonDocument"/> accept such an
    /// escape, but reading the string, or writing the element, throws <see cref="InvalidOperationException"/>.
    /// </remarks>
    public static int IndexOfLoneSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var position = json.IndexOf((byte)'\\');
        while (position >= 0 && position + 1 < json.Length)
        {
            var length = 2;
            if (json[position + 1] == 'u' && TryReadHex(json, position + 2, out var code) && char.IsSurrogate(code))
            {
                var paired = char.IsHighSurrogate(code)
                    && position + 7 < json.Length
                    && json[position + 6] == '\\'
                    && json[position + 7] == 'u'
                    && TryReadHex(json, position + 8, out var low)
                    && char.IsLowSurrogate(low);
                if (!paired)
                {
                    return position;
                }

                length = 12;
            }

            var next = json[(position + length)..].IndexOf((byte)'\\');
            position = next < 0 ? -1 : position + length + next;
        }

        return -1;
    }

    private static bool TryReadHex(ReadOnlySpan<byte> json, int start, out char code)
    {
        code = '\0';
        if (start + 4 > json.Length
            || !ushort.TryParse(json.Slice(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        code = (char)value;
        return true;
    }
}
