using System.Globalization;
using System.Runtime.CompilerServices;
using Marketo.Extract.Models;

namespace Marketo.Extract.Streams.Internal;

/// <summary>The streams read from Marketo's REST and Asset endpoints rather than through bulk exports.</summary>
internal static class RestStreams
{
    /// <summary>Reads every activity type; the stream keeps no state.</summary>
    public static async IAsyncEnumerable<StreamItem> ReadActivityTypesAsync(
        ExtractContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var types = await context.Client.GetActivityTypesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var type in types)
        {
            yield return StreamItem.Of(context.Tracker.Deliver(StreamIds.ActivityTypes, type));
        }
    }

    /// <summary>
    /// Reads every campaign or static list and keeps those updated at or after the cursor; Marketo offers no
    /// server-side filter on these endpoints, so every page is read.
    /// </summary>
    public static async IAsyncEnumerable<StreamItem> ReadClientFilteredAsync<T>(
        ExtractContext context,
        string streamId,
        Func<CancellationToken, IAsyncEnumerable<T>> readAll,
        Func<T, (long Id, DateTimeOffset UpdatedAt)> keyOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : notnull
    {
        var state = await context.States.LoadAsync(streamId, cancellationToken).ConfigureAwait(false);
        var floor = context.Options.FullRefresh ? null : state.Cursor ?? context.Options.StartDate;
        var tracker = new CursorTracker(floor, floor == state.Cursor ? state.CursorIds : []);

        await foreach (var item in readAll(cancellationToken).ConfigureAwait(false))
        {
            var (id, updatedAt) = keyOf(item);
            var key = id.ToString(CultureInfo.InvariantCulture);
            if (!tracker.IsNew(updatedAt, key))
            {
                continue;
            }

            yield return StreamItem.Of(context.Tracker.Deliver(streamId, item));
            tracker.Observe(updatedAt, key);
        }

        // Records come in no particular order, so the cursor can move only once every page has been read.
        yield return StreamItem.CheckpointOf(streamId, tracker.ToCheckpoint());
    }

    /// <summary>
    /// Reads programs window by window with Marketo's <c>earliestUpdatedAt</c>/<c>latestUpdatedAt</c> filter, checkpointing
    /// after each window.
    /// </summary>
    public static async IAsyncEnumerable<StreamItem> ReadProgramsAsync(
        ExtractContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = await context.States.LoadAsync(StreamIds.Programs, cancellationToken).ConfigureAwait(false);
        var start = context.Options.FullRefresh ? null : state.Cursor ?? context.Options.StartDate;
        if (start is null)
        {
            await foreach (var program in context.Client.GetProgramsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                yield return StreamItem.Of(context.Tracker.Deliver(StreamIds.Programs, program));
            }

            yield break;
        }

        var cursor = new WindowCursor(start.Value, start == state.Cursor ? state.CursorIds : []);

        // Marketo returns programs created or updated in the range, so one created in an early window and updated
        // in a later one comes twice; program counts are small enough to remember every id of the run.
        var delivered = new HashSet<long>();
        foreach (var window in ExportWindows.Plan(start.Value, context.UtcNowInSeconds(), context.Options.WindowInDays))
        {
            cursor.BeginWindow(window.End);
            await foreach (var program in context.Client.GetProgramsAsync(window, cancellationToken).ConfigureAwait(false))
            {
                var key = program.Id.ToString(CultureInfo.InvariantCulture);
                if (cursor.IsDuplicate(program.UpdatedAt, key) || !delivered.Add(program.Id))
                {
                    continue;
                }

                yield return StreamItem.Of(context.Tracker.Deliver(StreamIds.Programs, program));
                cursor.Observe(program.UpdatedAt, key);
            }

            cursor.FinishWindow();
            yield return StreamItem.CheckpointOf(StreamIds.Programs, cursor.ToCheckpoint());
        }
    }

    /// <summary>
    /// Reads Delete Lead activities since the cursor, page by page in date order, checkpointing after each page.
    /// </summary>
    public static async IAsyncEnumerable<StreamItem> ReadDeletedLeadsAsync(
        ExtractContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = await context.States.LoadAsync(StreamIds.DeletedLeads, cancellationToken).ConfigureAwait(false);

        // Marketo may prune deletions older than 14 days, so a first sync without a start date reads those 14 days.
        var since = state.Cursor ?? context.Options.StartDate ?? context.UtcNowInSeconds().AddDays(-14);
        var tracker = new CursorTracker(since, since == state.Cursor ? state.CursorIds : []);
        string? pageToken = await context.Client.GetPagingTokenAsync(since, cancellationToken).ConfigureAwait(false);
        while (pageToken is not null)
        {
            var page = await context.Client.GetDeletedLeadsPageAsync(pageToken, cancellationToken).ConfigureAwait(false);
            foreach (var activity in page.Values)
            {
                if (!tracker.IsNew(activity.ActivityDate, activity.MarketoGuid))
                {
                    continue;
                }

                yield return StreamItem.Of(context.Tracker.Deliver(StreamIds.DeletedLeads, activity));
                tracker.Observe(activity.ActivityDate, activity.MarketoGuid);
            }

            pageToken = page.ContinuationToken;
            yield return StreamItem.CheckpointOf(StreamIds.DeletedLeads, tracker.ToCheckpoint());
        }
    }

    /// <summary>Gets the id and cursor field of a campaign.</summary>
    public static (long Id, DateTimeOffset UpdatedAt) KeyOf(Campaign campaign) => (campaign.Id, campaign.UpdatedAt);

    /// <summary>Gets the id and cursor field of a static list.</summary>
    public static (long Id, DateTimeOffset UpdatedAt) KeyOf(StaticList list) => (list.Id, list.UpdatedAt);
}
