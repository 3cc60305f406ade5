using System.Globalization;
using System.Runtime.CompilerServices;
using Marketo.Extract.Bulk;
using Marketo.Extract.Models;
using Marketo.Extract.Records;

namespace Marketo.Extract.Streams.Internal;

/// <summary>The streams read through Marketo's bulk exports: leads, and one stream per activity type.</summary>
internal static class BulkStreams
{
    /// <summary>The most activity types Marketo accepts in one export job.</summary>
    private const int MaxActivityTypesPerJob = 10;

    /// <summary>
    /// Reads leads window by window by last update, falling back for good to creation time when the subscription
    /// rejects the <c>updatedAt</c> filter (Marketo code 1035).
    /// </summary>
    public static async IAsyncEnumerable<StreamItem> ReadLeadsAsync(
        ExtractContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = await context.States.LoadAsync(StreamIds.Leads, cancellationToken).ConfigureAwait(false);
        var schema = RecordSchema.ForLeads(await SelectLeadFieldsAsync(context, cancellationToken).ConfigureAwait(false));
        var mode = state.LeadsFilter ?? LeadsFilterMode.UpdatedAt;
        while (true)
        {
            var read = new LeadsRead(context, schema, mode, state);
            await foreach (var item in read.RunAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            if (!read.FilterRejected)
            {
                yield break;
            }

            // Nothing was delivered in the rejected mode, so the cursor stays and the same history is read again.
            Log.LeadsFilterFallback(context.Logger);
            mode = LeadsFilterMode.CreatedAt;
            state = await context.States.UpdateAsync(
                StreamIds.Leads,
                saved => saved with { LeadsFilter = mode, PendingExports = [] },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the selected activity streams together: one export job covers up to 10 activity types for one window,
    /// and its rows are routed to each type's stream.
    /// </summary>
    public static async IAsyncEnumerable<StreamItem> ReadActivitiesAsync(
        ExtractContext context,
        IReadOnlyDictionary<int, RecordSchema> schemas,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = context.UtcNowInSeconds();
        var cursors = new Dictionary<int, WindowCursor>();
        var pending = new List<PendingExport>();
        foreach (var (typeId, schema) in schemas)
        {
            var state = await context.States.LoadAsync(schema.Name, cancellationToken).ConfigureAwait(false);
            var floor = state.Cursor ?? context.Options.StartDate ?? throw MissingStartDate(schema.Name);
            cursors[typeId] = new WindowCursor(floor, state.Cursor is null ? [] : state.CursorIds);
            pending.AddRange(state.PendingExports);
        }

        var tracker = new StateJobTracker(context, BulkExportObject.Activities);
        var units = new Dictionary<string, (DateTimeRange Window, int[] TypeIds)>(StringComparer.Ordinal);
        var workItems = new List<(PlannedExport Export, int Order, int[] TypeIds)>();
        var groups = cursors
            .GroupBy(pair => (pair.Value.Floor, Ids: string.Join(',', pair.Value.IdsAtFloor)))
            .SelectMany(group => group.Select(pair => pair.Key).Order().Chunk(MaxActivityTypesPerJob)
                .Select(chunk => (Floor: group.Key.Floor, TypeIds: chunk)))
            .ToList();
        for (var order = 0; order < groups.Count; order++)
        {
            var (floor, typeIds) = groups[order];
            var prefix = "activities/" + string.Join('-', typeIds) + "/";
            var plan = ExportPlan.Plan(prefix, floor, now, context.Options.WindowInDays, pending);
            foreach (var export in plan)
            {
                var streams = typeIds.Select(id => schemas[id].Name).ToList();
                tracker.Add(export, streams, typeIds);
                units[export.Key] = (export.Window, typeIds);
                workItems.Add((export, order, typeIds));
            }
        }

        await DropStalePendingAsync(context, schemas.Values.Select(schema => schema.Name), units.Keys, cancellationToken)
            .ConfigureAwait(false);

        var ordered = workItems
            .OrderBy(item => item.Export.Window.Start)
            .ThenBy(item => item.Order)
            .Select(item => CreateActivityWorkItem(context, item.Export, item.TypeIds))
            .ToList();
        var decoder = new ExportCsvDecoder(context.Logger);
        var scheduler = new BulkExportScheduler(context.Client, context.Options.Bulk, context.TimeProvider, context.Logger);
        await foreach (var completed in scheduler.RunAsync(ordered, tracker, cancellationToken).ConfigureAwait(false))
        {
            var (window, typeIds) = units[completed.Key];
            context.Tracker.Report(schemas[typeIds[0]].Name, $"reading activity export {completed.ExportId}");
            foreach (var typeId in typeIds)
            {
                cursors[typeId].BeginWindow(window.End);
            }

            var stream = await completed.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                long read = 0;
                await foreach (var record in decoder.ReadActivitiesAsync(stream, schemas, cancellationToken).ConfigureAwait(false))
                {
                    completed.ReportRecordsRead(++read);
                    var typeId = record.Schema.ActivityTypeId!.Value;
                    if (!cursors.TryGetValue(typeId, out var cursor))
                    {
                        continue;
                    }

                    var guid = (string)record[0]!;
                    var date = record[2] as DateTimeOffset?;
                    if (cursor.IsDuplicate(date, guid))
                    {
                        continue;
                    }

                    yield return StreamItem.Of(context.Tracker.Deliver(record.Schema.Name, record));
                    cursor.Observe(date, guid);
                }
            }

            foreach (var typeId in typeIds)
            {
                cursors[typeId].FinishWindow();
                Log.WindowFinished(context.Logger, schemas[typeId].Name, window.Start, window.End);
                yield return StreamItem.CheckpointOf(schemas[typeId].Name, cursors[typeId].ToCheckpoint());
            }
        }
    }

    /// <summary>
    /// Builds the schema of every activity type that bulk export can deliver, keyed by type id; each schema's name is
    /// the type's stream id. Delete Lead is left out: the <c>deleted_leads</c> stream reads it instead.
    /// </summary>
    public static IReadOnlyDictionary<int, RecordSchema> DescribeActivities(
        IEnumerable<ActivityType> activityTypes,
        ActivityAttributeLayout layout) =>
        RecordSchema.ForActivityTypes(activityTypes.Where(type => type.Id != DeleteLeadTypeId), layout);

    /// <summary>The id of the Delete Lead activity type, which bulk activity export rejects.</summary>
    public const int DeleteLeadTypeId = 37;

    /// <summary>
    /// Reads the lead fields to export: the selected ones, or every field describe lists, plus <c>id</c>,
    /// <c>createdAt</c> and <c>updatedAt</c>, which the cursor and de-duplication need.
    /// </summary>
    public static async Task<IReadOnlyList<LeadField>> SelectLeadFieldsAsync(ExtractContext context, CancellationToken cancellationToken)
    {
        var described = await context.Client.DescribeLeadsAsync(cancellationToken).ConfigureAwait(false);
        if (context.Options.LeadFields is not { } selected)
        {
            return described;
        }

        var byName = described.ToDictionary(field => field.Name, StringComparer.OrdinalIgnoreCase);
        var unknown = selected.Where(name => !byName.ContainsKey(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Lead field {string.Join(", ", unknown.Select(name => $"'{name}'"))} is not a REST field of this Marketo " +
                "instance; list the lead fields with DiscoverAsync.");
        }

        var names = new List<string>(["id", "createdAt", "updatedAt"]);
        names.AddRange(selected.Where(name => !names.Contains(name, StringComparer.OrdinalIgnoreCase)));
        return [.. names.Where(byName.ContainsKey).Select(name => byName[name])];
    }

    internal static InvalidOperationException MissingStartDate(string streamId) =>
        new($"Stream '{streamId}' has no saved cursor and MarketoExtractOptions.StartDate is not set; set a start date " +
            "for its first sync.");

    private static BulkExportWorkItem CreateActivityWorkItem(ExtractContext context, PlannedExport export, int[] typeIds)
    {
        if (export.SavedExportId is not null)
        {
            context.Tracker.CountExportJob(resumed: true);
        }

        var request = new ActivityExportRequest { CreatedAt = export.Window, ActivityTypeIds = typeIds };
        return BulkExportWorkItem.ForActivities(export.Key, request, export.SavedExportId);
    }

    /// <summary>Forgets saved jobs that no planned window uses any more, for example after the selection changed.</summary>
    internal static async Task DropStalePendingAsync(
        ExtractContext context,
        IEnumerable<string> streamIds,
        IEnumerable<string> plannedKeys,
        CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(plannedKeys, StringComparer.Ordinal);
        foreach (var streamId in streamIds)
        {
            var state = await context.States.LoadAsync(streamId, cancellationToken).ConfigureAwait(false);
            if (state.PendingExports.All(export => keys.Contains(export.Key)))
            {
                continue;
            }

            await context.States.UpdateAsync(
                streamId,
                saved => saved with { PendingExports = [.. saved.PendingExports.Where(export => keys.Contains(export.Key))] },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over the leads history in one filter mode.</summary>
    private sealed class LeadsRead(ExtractContext context, RecordSchema schema, LeadsFilterMode mode, StreamState state)
    {
        public bool FilterRejected { get; private set; }

        public async IAsyncEnumerable<StreamItem> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var floor = state.Cursor ?? context.Options.StartDate ?? throw MissingStartDate(StreamIds.Leads);
            var cursor = new WindowCursor(floor, state.Cursor is null ? [] : state.CursorIds);
            var prefix = mode == LeadsFilterMode.UpdatedAt ? "leads/updatedAt/" : "leads/createdAt/";
            var plan = ExportPlan.Plan(prefix, floor, context.UtcNowInSeconds(), context.Options.WindowInDays, state.PendingExports);
            await DropStalePendingAsync(context, [StreamIds.Leads], plan.Select(export => export.Key), cancellationToken)
                .ConfigureAwait(false);

            var tracker = new StateJobTracker(context, BulkExportObject.Leads);
            var windows = new Dictionary<string, DateTimeRange>(StringComparer.Ordinal);
            var workItems = new List<BulkExportWorkItem>();
            foreach (var export in plan)
            {
                tracker.Add(export, [StreamIds.Leads], []);
                windows[export.Key] = export.Window;
                workItems.Add(CreateWorkItem(export));
            }

            var idOrdinal = OrdinalOf("id");
            var timeOrdinal = OrdinalOf(mode == LeadsFilterMode.UpdatedAt ? "updatedAt" : "createdAt");
            var decoder = new ExportCsvDecoder(context.Logger);
            var scheduler = new BulkExportScheduler(context.Client, context.Options.Bulk, context.TimeProvider, context.Logger);
            var exports = scheduler.RunAsync(workItems, tracker, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (exports.ConfigureAwait(false))
            {
                while (await MoveNextAsync(exports).ConfigureAwait(false))
                {
                    var completed = exports.Current;
                    var window = windows[completed.Key];
                    context.Tracker.Report(StreamIds.Leads, $"reading lead export {completed.ExportId}");
                    cursor.BeginWindow(window.End);
                    var stream = await completed.OpenReadAsync(cancellationToken).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        long read = 0;
                        await foreach (var record in decoder.ReadLeadsAsync(stream, schema, cancellationToken).ConfigureAwait(false))
                        {
                            completed.ReportRecordsRead(++read);
                            var id = Convert.ToString(record[idOrdinal], CultureInfo.InvariantCulture) ?? string.Empty;
                            var time = record[timeOrdinal] as DateTimeOffset?;
                            if (cursor.IsDuplicate(time, id))
                            {
                                continue;
                            }

                            yield return StreamItem.Of(context.Tracker.Deliver(StreamIds.Leads, record));
                            cursor.Observe(time, id);
                        }
                    }

                    cursor.FinishWindow();
                    Log.WindowFinished(context.Logger, StreamIds.Leads, window.Start, window.End);
                    yield return StreamItem.CheckpointOf(StreamIds.Leads, cursor.ToCheckpoint(mode));
                }
            }
        }

        private async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<CompletedBulkExport> exports)
        {
            try
            {
                return await exports.MoveNextAsync().ConfigureAwait(false);
            }
            catch (MarketoUnsupportedFilterException) when (mode == LeadsFilterMode.UpdatedAt && context.Tracker.Delivered(StreamIds.Leads) == 0)
            {
                FilterRejected = true;
                return false;
            }
        }

        private BulkExportWorkItem CreateWorkItem(PlannedExport export)
        {
            if (export.SavedExportId is not null)
            {
                context.Tracker.CountExportJob(resumed: true);
            }

            var request = mode == LeadsFilterMode.UpdatedAt
                ? new LeadExportRequest { Fields = Fields(), UpdatedAt = export.Window }
                : new LeadExportRequest { Fields = Fields(), CreatedAt = export.Window };
            return BulkExportWorkItem.ForLeads(export.Key, request, export.SavedExportId);
        }

        private string[] Fields() => [.. schema.Fields.Select(field => field.SourceName)];

        private int OrdinalOf(string restName)
        {
            for (var ordinal = 0; ordinal < schema.Fields.Count; ordinal++)
            {
                if (string.Equals(schema.Fields[ordinal].SourceName, restName, StringComparison.OrdinalIgnoreCase))
                {
                    return ordinal;
                }
            }

            throw new InvalidOperationException(
                $"The lead describe of this Marketo instance has no '{restName}' field, which the leads stream needs.");
        }
    }
}
