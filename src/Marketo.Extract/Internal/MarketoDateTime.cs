using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Marketo.Extract.Internal;

/// <summary>
/// Parses every timestamp form Marketo emits and formats filter values the way its endpoints expect.
/// </summary>
/// <remarks>
/// Accepted forms: <c>2016-05-17T22:11:45Z</c>, <c>2015-05-07T11:47:30-08:00</c>, <c>2014-09-17T22:31:49+0000</c>,
/// the Asset API's <c>2015-05-21T22:45:13Z+0000</c>, fractional seconds on any of them, and a bare date
/// <c>2015-01-01</c> (midnight UTC). Results are normalised to UTC.
/// </remarks>
internal static class MarketoDateTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd",
    ];

    /// <summary>Parses a Marketo timestamp, or returns <see langword="false"/> when the text is not one.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        if (TryParseCommonUtcForm(text, out value))
        {
            return true;
        }

        text = text.Trim();
        Span<char> buffer = stackalloc char[40];
        if (text.Length is 0 or > 34)
        {
            value = default;
            return false;
        }

        var normalised = Normalise(text, buffer);
        var parsed = DateTimeOffset.TryParseExact(
            normalised,
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
        if (parsed)
        {
            value = value.ToUniversalTime();
        }

        return parsed;
    }

    /// <summary>Parses a Marketo timestamp or throws <see cref="FormatException"/> naming the text.</summary>
    public static DateTimeOffset Parse(string text)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new FormatException(
            $"'{text}' is not a Marketo timestamp; expected ISO 8601 such as 2024-01-31T12:00:00Z.");
    }

    /// <summary>Formats an instant as a filter value: UTC, whole seconds, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string FormatFilter(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Drops the sub-second part, since Marketo filters take whole seconds.</summary>
    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    /// <summary>Parses a <c>yyyy-MM-dd</c> date, or returns <see langword="false"/>.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        value = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryReadDigits(text, 0, 4, out var year) || !TryReadDigits(text, 5, 2, out var month)
            || !TryReadDigits(text, 8, 2, out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// Parses <c>yyyy-MM-ddTHH:mm:ssZ</c>, the form of every bulk export timestamp, without the general
    /// format matching, which costs several times more per value.
    /// </summary>
    public static bool TryParseCommonUtcForm(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
            || text[16] != ':' || text[19] != 'Z')
        {
            return false;
        }

        if (!TryReadDigits(text, 0, 4, out var year) || !TryReadDigits(text, 5, 2, out var month)
            || !TryReadDigits(text, 8, 2, out var day) || !TryReadDigits(text, 11, 2, out var hour)
            || !TryReadDigits(text, 14, 2, out var minute) || !TryReadDigits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryReadDigits(ReadOnlySpan<char> text, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }

    [SuppressMessage("Style", "IDE0057:Use range operator", Justification = "Slices read more clearly here.")]
    private static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> text, Span<char> buffer)
    {
        // The Asset API writes "Z+0000": the "Z" already says UTC, so the trailing offset is dropped.
        if (text.EndsWith("Z+0000", StringComparison.Ordinal) || text.EndsWith("Z+00:00", StringComparison.Ordinal))
        {
            return text.Slice(0, text.IndexOf('Z') + 1);
        }

        // "+0000" and "-0800" lack the colon that the K specifier wants.
        var length = text.Length;
        if (length > 5
            && (text[length - 5] == '+' || text[length - 5] == '-')
            && char.IsAsciiDigit(text[length - 4])
            && char.IsAsciiDigit(text[length - 1])
            && text[length - 6] != '-')
        {
            text.Slice(0, length - 2).CopyTo(buffer);
            buffer[length - 2] = ':';
            text.Slice(length - 2).CopyTo(buffer.Slice(length - 1));
            return buffer.Slice(0, length + 1);
        }

        return text;
    }
}
