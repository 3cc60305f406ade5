using System.Globalization;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>
/// Marketo's date-based paging for the activity endpoints. The token encodes a time and the id of the last
/// activity returned. A page skips the empty time before its first match and then spans at most one slice of
/// activity time, so a page can be short and still report <c>moreResult:true</c>, as the real activity service
/// does, while a backfill through years without activity takes no more calls than the data needs.
/// </summary>
internal static class DatePaging
{
    /// <summary>The span of activity time one page covers, counted from its first match.</summary>
    public static readonly TimeSpan Slice = TimeSpan.FromDays(7);

    /// <summary>The maximum number of activities, matched or not, one page examines, which bounds the work of a call.</summary>
    public const int MaxScannedPerPage = 50_000;

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
        int batchSize)
    {
        var page = new List<EmulatedActivity>(Math.Min(batchSize, 64));
        DateTimeOffset? sliceEnd = null;
        int start = FirstAfter(ordered, since, afterId);
        for (int index = start; index < ordered.Count; index++)
        {
            var activity = ordered[index];
            if (activity.ActivityDate >= sliceEnd)
            {
                // The slice is done but later activities remain, so a short page still reports moreResult.
                return (page, true, Encode(sliceEnd.Value, -1));
            }

            if (index - start == MaxScannedPerPage)
            {
                var previous = ordered[index - 1];
                return (page, true, Encode(previous.ActivityDate, previous.Id));
            }

            if (!filter(activity))
            {
                continue;
            }

            if (page.Count == batchSize)
            {
                return (page, true, Encode(page[^1].ActivityDate, page[^1].Id));
            }

            page.Add(activity);
            sliceEnd ??= activity.ActivityDate > DateTimeOffset.MaxValue - Slice ? DateTimeOffset.MaxValue : activity.ActivityDate + Slice;
        }

        return page.Count > 0 ? (page, false, Encode(page[^1].ActivityDate, page[^1].Id)) : (page, false, Encode(since, afterId));
    }

    // Binary search for the first activity after the token position: later in time, or at the same time with a larger id.
    private static int FirstAfter(IReadOnlyList<EmulatedActivity> ordered, DateTimeOffset since, long afterId)
    {
        int low = 0;
        int high = ordered.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            var activity = ordered[middle];
            bool after = activity.ActivityDate > since || (activity.ActivityDate == since && activity.Id > afterId);
            if (after)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
