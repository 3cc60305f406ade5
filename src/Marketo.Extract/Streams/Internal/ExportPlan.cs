using System.Globalization;
using Marketo.Extract.Models;

namespace Marketo.Extract.Streams.Internal;

/// <summary>
/// Plans the export windows of one bulk work unit (the leads, or one group of up to 10 activity types), reusing the
/// jobs an earlier run saved.
/// </summary>
/// <remarks>
/// Windows are anchored at the cursor, so every full window has the same bounds from one run to the next and a saved
/// job matches its window by key. The last window ends at "now", which moves; a saved job that starts where a
/// window starts is therefore reused with its own end, and planning continues from there.
/// </remarks>
internal static class ExportPlan
{
    public static IReadOnlyList<PlannedExport> Plan(
        string keyPrefix,
        DateTimeOffset start,
        DateTimeOffset now,
        int windowInDays,
        IReadOnlyCollection<PendingExport> pending)
    {
        var planned = new List<PlannedExport>();
        var width = TimeSpan.FromDays(windowInDays);
        var windowStart = start;
        while (windowStart < now)
        {
            var saved = pending.FirstOrDefault(export =>
                export.Key.StartsWith(keyPrefix + StartPart(windowStart), StringComparison.Ordinal)
                && export.WindowEnd is { } end && end > windowStart && end <= now && end - windowStart <= width);
            var windowEnd = saved?.WindowEnd ?? (windowStart + width < now ? windowStart + width : now);
            var window = new DateTimeRange(windowStart, windowEnd);
            planned.Add(new PlannedExport(KeyOf(keyPrefix, window), window, saved?.ExportId));
            windowStart = windowEnd;
        }

        return planned;
    }

    public static string KeyOf(string keyPrefix, DateTimeRange window) =>
        keyPrefix + StartPart(window.Start) + "/" + Format(window.End);

    private static string StartPart(DateTimeOffset start) => Format(start);

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One export window with its stable key and, when an earlier run created its job, that job's id.</summary>
internal sealed record PlannedExport(string Key, DateTimeRange Window, string? SavedExportId);
