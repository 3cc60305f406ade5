using System.Globalization;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>
/// Marketo's date-based paging for the activity endpoints. The token encodes a time and the id of the last
/// activity returned; every page scans one slice of time, so a page can be short, or empty, and still report
/// <c>moreResult:true</c>, as the real activity service does.
/// </summary>
internal static class DatePaging
{
    /// <summary>The span of activity time one page scans.</summary>
    public static readonly TimeSpan Slice = TimeSpan.FromDays(7);

    public static string Encode(DateTimeOffset since, long afterId) =>
        TextEncodings.ToBase32(string.Create(
            CultureInfo.InvariantCulture, $"{since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff}+0000|{afterId}"));

    public static bool TryDecode(string token, out DateTimeOffset since, out long afterId)
    {
        since = default;
        afterId = 0;
        string? text = TextEncodings.FromBase32(token);
        int bar = text?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        return bar > 0 &&
            DateTimeOffset.TryParseExact(
                text![..bar], "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since) &&
            long.TryParse(text.AsSpan(bar + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out afterId);
    }

    /// <summary>Reads one page from activities ordered by date and id.</summary>
    /// <returns>The activities of the page, whether more remain, and the token of the next page.</returns>
    public static (List<EmulatedActivity> Page, bool MoreResult, string NextPageToken) Read(
        IReadOnlyList<EmulatedActivity> ordered, Func<EmulatedActivity, bool> filter, DateTimeOffset since, long afterId,
        int batchSize, DateTimeOffset dataEnd)
    {
        // A since near year 9999 would overflow; its slice ends at the end of time instead.
        var sliceEnd = since > DateTimeOffset.MaxValue - Slice ? DateTimeOffset.MaxValue : since + Slice;
        var page = new List<EmulatedActivity>(Math.Min(batchSize, 64));
        bool sliceHasMore = false;
        foreach (var activity in ordered.Where(a => a.ActivityDate > since || (a.ActivityDate == since && a.Id > afterId)))
        {
            if (activity.ActivityDate >= sliceEnd)
            {
                break;
            }

            if (!filter(activity))
            {
                continue;
            }

            if (page.Count == batchSize)
            {
                sliceHasMore = true;
                break;
            }

            page.Add(activity);
        }

        if (sliceHasMore)
        {
            var last = page[^1];
            return (page, true, Encode(last.ActivityDate, last.Id));
        }

        if (sliceEnd <= dataEnd)
        {
            // The slice is done but later time remains: so a short or empty page still reports moreResult.
            return (page, true, Encode(sliceEnd, -1));
        }

        return page.Count > 0 ? (page, false, Encode(page[^1].ActivityDate, page[^1].Id)) : (page, false, Encode(since, afterId));
    }
}
