using System.Globalization;

namespace Marketo.Extract.Testing.Internal;

/// <summary>The timestamp forms Marketo writes and the ones it accepts in filters.</summary>
internal static class Timestamps
{
    private static readonly string[] InputFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFK", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFzzz",
        "yyyy-MM-dd'T'HH:mm:ssz", "yyyy-MM-dd",
    ];

    /// <summary>Formats as <c>2020-01-08T18:10:26Z</c>, the lead database, bulk status and bulk file form.</summary>
    public static string Utc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats as <c>2015-05-21T22:45:13Z+0000</c>, the odd form every Asset API timestamp has.</summary>
    public static string Asset(DateTimeOffset value) => Utc(value) + "+0000";

    /// <summary>Formats as <c>2014-09-17T22:31:49+0000</c>, the form of activity dates in REST activity responses.</summary>
    public static string Activity(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture);

    /// <summary>Formats a date as <c>yyyy-MM-dd</c>.</summary>
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses an ISO-8601 filter value such as <c>2017-01-01T00:00:00Z</c> or <c>2014-10-06T13:22:17-08:00</c>.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Some clients send +0000 with no colon; the zzz pattern needs one.
        string normalized = text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && text[^4..].All(char.IsAsciiDigit)
            ? text[..^2] + ":" + text[^2..]
            : text;
        if (DateTimeOffset.TryParseExact(
                normalized, InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }
}
