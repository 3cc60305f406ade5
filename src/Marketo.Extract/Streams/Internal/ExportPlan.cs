using Marketo.Extract.Internal;
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
        var width = TimeSpan.FromDays(windowInDays);
        PendingExport? SavedAt(DateTimeOffset windowStart) =>
            pending.FirstOrDefault(export =>
                export.Key.StartsWith(keyPrefix + MarketoDateTime.FormatFilter(windowStart) + "/", StringComparison.Ordinal)
                && export.WindowEnd is { } end && end > windowStart && end <= now && end - windowStart <= width);

        var windows = ExportWindows.Plan(start, now, windowInDays, windowStart => SavedAt(windowStart)?.WindowEnd);
        return [.. windows.Select(window => new PlannedExport(KeyOf(keyPrefix, window), window, SavedAt(window.Start)?.ExportId))];
    }

    public static string KeyOf(string keyPrefix, DateTimeRange window) =>
        keyPrefix + MarketoDateTime.FormatFilter(window.Start) + "/" + MarketoDateTime.FormatFilter(window.End);
}

/// <summary>One export window with its stable key and, when an earlier run created its job, that job's id.</summary>
internal sealed record PlannedExport(string Key, DateTimeRange Window, string? SavedExportId);
