using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketo.Extract.Internal;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Turns the text of one value into the CLR value of the typed value contract, straight from a span.
/// </summary>
/// <remarks>
/// A text that is not a valid value of its kind is returned as a <see cref="string"/> with
/// <see langword="false"/>, so that the caller keeps it and counts a warning; nothing is turned into null.
/// Null and empty texts are the caller's business because CSV cells and JSON values spell null differently.
/// </remarks>
internal static class CellParser
{
    private const int SmallIntegerCount = 256;

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private static readonly object[] SmallIntegers = CreateSmallIntegers();

    public static object Box(bool value) => value ? BoxedTrue : BoxedFalse;

    public static object Box(long value) =>
        (ulong)value < SmallIntegerCount ? SmallIntegers[value] : value;

    /// <summary>
    /// Parses the forms most ids, counts and timestamps of an export take, without the dispatch of
    /// <see cref="TryParse"/>: 1 to 18 ASCII digits for integers and <c>yyyy-MM-ddTHH:mm:ssZ</c> for instants.
    /// Returns <see langword="false"/> for any other kind or text, which <see cref="TryParse"/> then reads.
    /// </summary>
    public static bool TryParseCommonForm(ReadOnlySpan<char> text, FieldKind kind, out object value)
    {
        if (kind == FieldKind.Integer && TryParsePlainDigits(text, out var number))
        {
            value = Box(number);
            return true;
        }

        if (kind == FieldKind.DateTime && MarketoDateTime.TryParseCommonUtcForm(text, out var instant))
        {
            value = instant;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>Parses 1 to 18 ASCII digits, which always fit a <see cref="long"/>.</summary>
    public static bool TryParsePlainDigits(ReadOnlySpan<char> text, out long number)
    {
        number = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var character in text)
        {
            var digit = (uint)(character - '0');
            if (digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }

    public static bool TryParse(ReadOnlySpan<char> text, FieldKind kind, out object value)
    {
        var parsed = kind switch
        {
            FieldKind.String => Keep(text, out value),
            FieldKind.Integer => TryParseInteger(text, out value),
            FieldKind.Float => TryParseFloat(text, out value),
            FieldKind.Currency => TryParseCurrency(text, out value),
            FieldKind.Boolean => TryParseBoolean(text, out value),
            FieldKind.Date => TryParseDate(text, out value),
            FieldKind.DateTime => TryParseDateTime(text, out value),
            _ => TryParseJson(text, out value),
        };
        if (!parsed)
        {
            value = text.ToString();
        }

        return parsed;
    }

    /// <summary>
    /// Parses a whole number as <see cref="long"/>; a fraction, or a whole number beyond the range of
    /// <see cref="long"/>, becomes a <see cref="decimal"/> equal to the written value. A value that no
    /// <see cref="decimal"/> represents exactly, such as <c>1e-400</c>, does not parse.
    /// </summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out object value)
    {
        if (SimpleNumber.TryRead(text, out var simple))
        {
            value = simple.TryGetInt64(out var exact) ? Box(exact) : simple.ToDecimal();
            return true;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            value = Box(whole);
            return true;
        }

        if (TryParseExactDecimal(text, out var number))
        {
            value = IsWholeInt64(number, out whole) ? Box(whole) : number;
            return true;
        }

        value = null!;
        return false;
    }

    private static bool Keep(ReadOnlySpan<char> text, out object value)
    {
        value = text.ToString();
        return true;
    }

    private static bool TryParseFloat(ReadOnlySpan<char> text, out object value)
    {
        if (SimpleNumber.TryRead(text, out var simple) && simple.TryGetDouble(out var exact))
        {
            value = exact;
            return true;
        }

        // Infinity and NaN are rejected: Marketo never writes them, and JSON cannot hold them. So is a number too
        // small for a double, which the framework turns into zero.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)
            && (number != 0 || SignificantDigits(text).Length == 0))
        {
            value = number;
            return true;
        }

        value = null!;
        return false;
    }

    private static bool TryParseCurrency(ReadOnlySpan<char> text, out object value)
    {
        if (SimpleNumber.TryRead(text, out var simple))
        {
            value = simple.ToDecimal();
            return true;
        }

        if (TryParseExactDecimal(text, out var number))
        {
            value = number;
            return true;
        }

        value = null!;
        return false;
    }

    private static bool TryParseBoolean(ReadOnlySpan<char> text, out object value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = BoxedTrue;
            return true;
        }

        if (text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            value = BoxedFalse;
            return true;
        }

        value = null!;
        return false;
    }

    private static bool TryParseDate(ReadOnlySpan<char> text, out object value)
    {
        if (MarketoDateTime.TryParseDate(text, out var day))
        {
            value = day;
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = date;
            return true;
        }

        value = null!;
        return false;
    }

    private static bool TryParseDateTime(ReadOnlySpan<char> text, out object value)
    {
        if (MarketoDateTime.TryParse(text, out var instant))
        {
            value = instant;
            return true;
        }

        value = null!;
        return false;
    }

    private static bool TryParseJson(ReadOnlySpan<char> text, out object value)
    {
        var utf8 = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, utf8);
        if (JsonEscapes.IndexOfLoneSurrogateEscape(utf8) >= 0)
        {
            value = null!;
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8);
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            value = null!;
            return false;
        }
    }

    /// <summary>
    /// Parses a number as a <see cref="decimal"/> only when the decimal represents the written value exactly.
    /// <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/> rounds to
    /// 28 decimals and about 29 significant digits without failing, so <c>1e-400</c> would become 0.
    /// </summary>
    private static bool TryParseExactDecimal(ReadOnlySpan<char> text, out decimal number)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        // Parsing gets the magnitude right or fails with an overflow, so only rounding can change the digits.
        Span<char> written = stackalloc char[32];
        number.TryFormat(written, out var length, default, CultureInfo.InvariantCulture);
        return SignificantDigits(written[..length]) == SignificantDigits(text);
    }

    /// <summary>Returns the digits of a number's mantissa without its point and outer zeros: 1200.50 gives 12005.</summary>
    private static string SignificantDigits(ReadOnlySpan<char> number)
    {
        var exponent = number.IndexOfAny('e', 'E');
        var mantissa = exponent < 0 ? number : number[..exponent];
        var digits = new StringBuilder(mantissa.Length);
        foreach (var character in mantissa)
        {
            if (char.IsAsciiDigit(character))
            {
                digits.Append(character);
            }
        }

        return digits.ToString().Trim('0');
    }

    private static bool IsWholeInt64(decimal number, out long whole)
    {
        if (decimal.Truncate(number) == number && number >= long.MinValue && number <= long.MaxValue)
        {
            whole = (long)number;
            return true;
        }

        whole = 0;
        return false;
    }

    private static object[] CreateSmallIntegers()
    {
        var boxes = new object[SmallIntegerCount];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = (long)i;
        }

        return boxes;
    }
}
