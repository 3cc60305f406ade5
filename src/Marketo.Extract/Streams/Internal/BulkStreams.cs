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

    /// <summary>The ordinal of <c>marketo_guid</c>, which every activity schema puts first.</summary>
    private const int ActivityGuidOrdinal = 0;

    /// <summary>The ordinal of <c>activity_date</c>, which every activity schema puts third.</summary>
    private const int ActivityDateOrdinal = 2;

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
            var reader = await CreateLeadsReaderAsync(context, schema, mode, state, cancellationToken).ConfigureAwait(false);
            await foreach (var item in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            if (!reader.FilterRejected)
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

        var planned = PlanActivityExports(context, cursors, pending, now);
        await DropStalePendingAsync(
            context,
            schemas.Values.Select(schema => schema.Name),
            planned.Select(item => item.Export.Key),
            cancellationToken).ConfigureAwait(false);

        var reader = new ExportWindowReader(
            context,
            BulkExportObject.Activities,
            cursors.ToDictionary(pair => schemas[pair.Key].Name, pair => pair.Value, StringComparer.Ordinal))
        {
            Decode = (decoder, file, token) => decoder.ReadActivitiesAsync(file, schemas, token),
            IdOrdinal = ActivityGuidOrdinal,
            TimeOrdinal = ActivityDateOrdinal,
        };
        foreach (var (export, typeIds) in planned)
        {
            var streamIds = typeIds.Select(id => schemas[id].Name).ToList();
            reader.Add(export, CreateActivityWorkItem(export, typeIds), streamIds, typeIds);
        }

        await foreach (var item in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>
    /// Plans the export windows of every group of activity types whose cursors match, in the order to read them:
    /// by window start, then by group.
    /// </summary>
    private static List<(PlannedExport Export, int[] TypeIds)> PlanActivityExports(
        ExtractContext context,
        Dictionary<int, WindowCursor> cursors,
        List<PendingExport> pending,
        DateTimeOffset now)
    {
        var groups = cursors
            .GroupBy(pair => (pair.Value.Floor, Ids: string.Join(',', pair.Value.IdsAtFloor)))
            .SelectMany(group => group.Select(pair => pair.Key).Order().Chunk(MaxActivityTypesPerJob)
                .Select(chunk => (Floor: group.Key.Floor, TypeIds: chunk)))
            .ToList();
        var planned = new List<(PlannedExport Export, int Order, int[] TypeIds)>();
        for (var order = 0; order < groups.Count; order++)
        {
            var (floor, typeIds) = groups[order];
            var prefix = "activities/" + string.Join('-', typeIds) + "/";
            foreach (var export in ExportPlan.Plan(prefix, floor, now, context.Options.WindowInDays, pending))
            {
                planned.Add((export, order, typeIds));
            }
        }

        return [.. planned
            .OrderBy(item => item.Export.Window.Start)
            .ThenBy(item => item.Order)
            .Select(item => (item.Export, item.TypeIds))];
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

    private static BulkExportWorkItem CreateActivityWorkItem(PlannedExport export, int[] typeIds)
    {
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

    /// <summary>Plans one pass over the leads history in one filter mode, resuming the jobs the state saved.</summary>
    private static async Task<ExportWindowReader> CreateLeadsReaderAsync(
        ExtractContext context,
        RecordSchema schema,
        LeadsFilterMode mode,
        StreamState state,
        CancellationToken cancellationToken)
    {
        var floor = state.Cursor ?? context.Options.StartDate ?? throw MissingStartDate(StreamIds.Leads);
        var cursor = new WindowCursor(floor, state.Cursor is null ? [] : state.CursorIds);
        var prefix = mode == LeadsFilterMode.UpdatedAt ? "leads/updatedAt/" : "leads/createdAt/";
        var plan = ExportPlan.Plan(prefix, floor, context.UtcNowInSeconds(), context.Options.WindowInDays, state.PendingExports);
        await DropStalePendingAsync(context, [StreamIds.Leads], plan.Select(export => export.Key), cancellationToken)
            .ConfigureAwait(false);

        var reader = new ExportWindowReader(
            context,
            BulkExportObject.Leads,
            new Dictionary<string, WindowCursor>(StringComparer.Ordinal) { [StreamIds.Leads] = cursor })
        {
            Decode = (decoder, file, token) => decoder.ReadLeadsAsync(file, schema, token),
            IdOrdinal = LeadOrdinalOf(schema, "id"),
            TimeOrdinal = LeadOrdinalOf(schema, mode == LeadsFilterMode.UpdatedAt ? "updatedAt" : "createdAt"),
            LeadsFilter = mode,
            EndOnRejectedFilter = mode == LeadsFilterMode.UpdatedAt,
        };
        foreach (var export in plan)
        {
            reader.Add(export, CreateLeadWorkItem(schema, mode, export), [StreamIds.Leads], []);
        }

        return reader;
    }

    private static BulkExportWorkItem CreateLeadWorkItem(
        RecordSchema schema,
        LeadsFilterMode mode,
        PlannedExport export)
    {
        string[] fields = [.. schema.Fields.Select(field => field.SourceName)];
        var request = mode == LeadsFilterMode.UpdatedAt
            ? new LeadExportRequest { Fields = fields, UpdatedAt = export.Window }
            : new LeadExportRequest { Fields = fields, CreatedAt = export.Window };
        return BulkExportWorkItem.ForLeads(export.Key, request, export.SavedExportId);
    }

    private static int LeadOrdinalOf(RecordSchema schema, string restName)
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
