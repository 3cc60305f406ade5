namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Writes dates and UTC instants as ASCII bytes in the forms of JSON output, several times faster than a custom
/// format string, which the framework parses again on every call.
/// </summary>
/// <remarks>
/// The output equals <c>ToString("yyyy-MM-dd")</c> for dates and <c>ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'")</c>
/// for instants with the invariant culture: the fraction keeps only its significant digits and is left out with
/// its point when it is zero.
/// </remarks>
internal static class IsoDateFormatter
{
    /// <summary>The length of the longest instant, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    public const int MaxInstantLength = 28;

    /// <summary>The length of a date, <c>yyyy-MM-dd</c>.</summary>
    public const int DateLength = 10;

    public static void WriteDate(DateOnly date, Span<byte> destination)
    {
        WriteDigits(date.Year, 4, destination);
        destination[4] = (byte)'-';
        WriteDigits(date.Month, 2, destination[5..]);
        destination[7] = (byte)'-';
        WriteDigits(date.Day, 2, destination[8..]);
    }

    /// <summary>Writes a UTC time and returns the number of bytes written.</summary>
    public static int WriteInstant(DateTime utc, Span<byte> destination)
    {
        WriteDate(DateOnly.FromDateTime(utc), destination);
        destination[10] = (byte)'T';
        WriteDigits(utc.Hour, 2, destination[11..]);
        destination[13] = (byte)':';
        WriteDigits(utc.Minute, 2, destination[14..]);
        destination[16] = (byte)':';
        WriteDigits(utc.Second, 2, destination[17..]);
        var length = 19;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            destination[length++] = (byte)'.';
            WriteDigits(fraction, digits, destination[length..]);
            length += digits;
        }

        destination[length++] = (byte)'Z';
        return length;
    }

    private static void WriteDigits(int value, int count, Span<byte> destination)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
