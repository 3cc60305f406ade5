using Marketo.Extract.Internal;
using Marketo.Extract.Models;

namespace Marketo.Extract.Streams.Internal;

/// <summary>Slices the history from a stream's cursor to now into bulk export windows.</summary>
internal static class ExportWindows
{
    /// <summary>
    /// Plans the windows from <paramref name="start"/> to <paramref name="now"/>, each at most
    /// <paramref name="windowInDays"/> wide, the last one ending at <paramref name="now"/>. Where
    /// <paramref name="savedEnd"/> returns an end for a window's start, that window ends there instead, so a window
    /// of an earlier run is planned again as it was.
    /// </summary>
    /// <remarks>
    /// Both ends are whole seconds because Marketo's filters take no milliseconds. Consecutive windows share their
    /// boundary instant: Marketo does not document whether <c>endAt</c> is inclusive, so a record exactly on a
    /// boundary is requested twice rather than risk losing it, and the reader drops the second copy.
    /// </remarks>
    public static IReadOnlyList<DateTimeRange> Plan(
        DateTimeOffset start,
        DateTimeOffset now,
        int windowInDays,
        Func<DateTimeOffset, DateTimeOffset?>? savedEnd = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowInDays, 1);
        start = MarketoDateTime.TruncateToSeconds(start.ToUniversalTime());
        now = MarketoDateTime.TruncateToSeconds(now.ToUniversalTime());
        var windows = new List<DateTimeRange>();
        if (start >= now)
        {
            return windows;
        }

        var width = TimeSpan.FromDays(windowInDays);
        for (var windowStart = start; windowStart < now;)
        {
            var windowEnd = savedEnd?.Invoke(windowStart) ?? (windowStart + width < now ? windowStart + width : now);
            windows.Add(new DateTimeRange(windowStart, windowEnd));
            windowStart = windowEnd;
        }

        return windows;
    }
}
