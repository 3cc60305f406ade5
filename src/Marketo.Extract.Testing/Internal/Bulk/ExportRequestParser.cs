using System.Text.Json;
using Marketo.Extract.Testing.Internal.Data;

namespace Marketo.Extract.Testing.Internal.Bulk;

/// <summary>Validates a bulk export create request body and turns it into an <see cref="ExportDefinition"/>.</summary>
internal sealed class ExportRequestParser
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);
    private static readonly string[] LeadFilterNames =
        ["createdAt", "updatedAt", "staticListId", "staticListName", "smartListId", "smartListName"];

    private static readonly string[] ActivityFilterNames =
        ["createdAt", "activityTypeIds", "primaryAttributeValueIds", "primaryAttributeValues"];

    private readonly bool _supportsUpdatedAt;
    private readonly DatasetState _state;

    public ExportRequestParser(bool supportsUpdatedAt, DatasetState state)
    {
        _supportsUpdatedAt = supportsUpdatedAt;
        _state = state;
    }

    public (ExportDefinition? Definition, string? Code, string? Message) Parse(ExportKind kind, JsonElement body)
    {
        try
        {
            return (kind == ExportKind.Leads ? ParseLeads(body) : ParseActivities(body), null, null);
        }
        catch (InvalidExportRequestException e)
        {
            return (null, e.Code, e.Message);
        }
    }

    private ExportDefinition ParseLeads(JsonElement body)
    {
        var fields = Fields(body) ?? throw Invalid("1003", "fields is required for a lead export; list the REST field names to export");
        foreach (string field in fields.Where(f => !LeadSchema.ByRestName.ContainsKey(f)))
        {
            throw Invalid("1006", $"Field '{field}' not found");
        }

        var filter = Filter(body);
        var present = LeadFilterNames.Where(n => filter.TryGetProperty(n, out _)).ToList();
        var unknown = filter.EnumerateObject().Select(p => p.Name).Except(LeadFilterNames).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid("1003", $"Invalid filter '{unknown[0]}'; a lead export takes exactly one of {string.Join(", ", LeadFilterNames)}");
        }

        if (present.Count != 1)
        {
            throw Invalid("1003", $"A lead export takes exactly one filter, but {present.Count} were given; use one of {string.Join(", ", LeadFilterNames)}");
        }

        return Definition(ExportKind.Leads, body, fields) with { LeadFilter = LeadFilterFrom(present[0], filter.GetProperty(present[0])) };
    }

    private LeadFilter LeadFilterFrom(string name, JsonElement value)
    {
        if (!_supportsUpdatedAt && name is "updatedAt" or "smartListId" or "smartListName")
        {
            throw Invalid("1035", Api.ErrorMessages.UnsupportedFilter);
        }

        switch (name)
        {
            case "createdAt" or "updatedAt":
                var (start, end) = Range(name, value);
                return new LeadFilter(name, start, end, 0);
            case "staticListId":
                long id = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n
                    : throw Invalid("1003", "staticListId must be a number");
                return _state.StaticLists.Any(l => l.Id == id)
                    ? new LeadFilter(name, default, default, id)
                    : throw Invalid("1013", $"Static list {id} not found");
            case "staticListName":
                string listName = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
                var list = _state.StaticLists.FirstOrDefault(l => l.Name == listName)
                    ?? throw Invalid("1013", $"Static list '{listName}' not found");
                return new LeadFilter("staticListId", default, default, list.Id);
            default:
                // NOTE: the emulator has no smart lists, so a smart list filter can never match one.
                throw Invalid("1013", "Smart list not found; the emulator has no smart lists, use createdAt, updatedAt or a static list");
        }
    }

    private static ExportDefinition ParseActivities(JsonElement body)
    {
        // Marketo's docs call activity fields optional while its OpenAPI requires them; a missing list means the standard columns.
        var fields = Fields(body) ?? ExportFileWriter.ActivityColumns;
        foreach (string field in fields.Where(f => !ExportFileWriter.AllowedActivityColumns.Contains(f)))
        {
            throw Invalid("1006", $"Field '{field}' not found");
        }

        var filter = Filter(body);
        var unknown = filter.EnumerateObject().Select(p => p.Name).Except(ActivityFilterNames).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid("1003", $"Invalid filter '{unknown[0]}'; an activity export takes createdAt and optionally " +
                "activityTypeIds and one of primaryAttributeValueIds or primaryAttributeValues");
        }

        if (!filter.TryGetProperty("createdAt", out var createdAt))
        {
            throw Invalid("1003", "filter.createdAt is required for an activity export");
        }

        var (start, end) = Range("createdAt", createdAt);
        var typeIds = ActivityTypeIds(filter);

        var valueIds = Numbers(filter, "primaryAttributeValueIds")?.ToHashSet();
        var values = Strings(filter, "primaryAttributeValues")?.ToHashSet(StringComparer.Ordinal);
        CheckPrimaryAttributeFilters(typeIds, valueIds?.Count, values?.Count);
        return Definition(ExportKind.Activities, body, fields) with
        {
            ActivityFilter = new ActivityFilter(start, end, typeIds, valueIds, values),
        };
    }

    private static HashSet<int>? ActivityTypeIds(JsonElement filter)
    {
        var numbers = Numbers(filter, "activityTypeIds");
        if (numbers?.Contains(ActivityCatalog.DeleteLeadTypeId) == true)
        {
            throw Invalid("1003", "Activity type 37 (Delete Lead) is not supported by bulk activity export; read deleted leads from /rest/v1/activities/deletedleads.json");
        }

        // An id is checked as a long first: a cast would wrap 4294967298 to type 2.
        foreach (long typeId in numbers?.Where(t => t is < int.MinValue or > int.MaxValue || !ActivityCatalog.ById.ContainsKey((int)t)) ?? [])
        {
            throw Invalid("1003", $"Invalid activity type id {typeId}");
        }

        return numbers?.Select(n => (int)n).ToHashSet();
    }

    private static void CheckPrimaryAttributeFilters(HashSet<int>? typeIds, int? valueIds, int? values)
    {
        if (valueIds is not null && values is not null)
        {
            throw Invalid("1003", "primaryAttributeValueIds and primaryAttributeValues cannot be used together");
        }

        if ((valueIds ?? values) is not { } count)
        {
            return;
        }

        if (count > 50)
        {
            throw Invalid("1003", $"At most 50 primary attribute values can be given, but {count} were");
        }

        if (typeIds is null || typeIds.Count == 0)
        {
            throw Invalid("1003", "A primary attribute filter needs activityTypeIds of the matching asset group");
        }
    }

    private static ExportDefinition Definition(ExportKind kind, JsonElement body, IReadOnlyList<string> fields)
    {
        string format = body.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "CSV";
        if (format is not ("CSV" or "TSV" or "SSV"))
        {
            throw Invalid("1003", $"Invalid format '{format}'; use CSV, TSV or SSV");
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("columnHeaderNames", out var names) && names.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in names.EnumerateObject().Where(n => n.Value.ValueKind == JsonValueKind.String))
            {
                headers[name.Name] = name.Value.GetString()!;
            }
        }

        return new ExportDefinition { Kind = kind, Format = format, Fields = fields, ColumnHeaderNames = headers };
    }

    private static List<string>? Fields(JsonElement body)
    {
        var fields = Strings(body, "fields");
        return fields is { Count: > 0 } ? fields : null;
    }

    private static JsonElement Filter(JsonElement body) =>
        body.TryGetProperty("filter", out var filter) && filter.ValueKind == JsonValueKind.Object
            ? filter
            : throw Invalid("1003", "filter is required; an export cannot be created without one");

    private static (DateTimeOffset Start, DateTimeOffset End) Range(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object ||
            !value.TryGetProperty("startAt", out var startText) || !value.TryGetProperty("endAt", out var endText))
        {
            throw Invalid("1003", $"filter.{name} needs startAt and endAt");
        }

        if (!Timestamps.TryParse(startText.ValueKind == JsonValueKind.String ? startText.GetString() : null, out var start) ||
            !Timestamps.TryParse(endText.ValueKind == JsonValueKind.String ? endText.GetString() : null, out var end))
        {
            throw Invalid("1003", $"filter.{name} has an invalid date; use ISO-8601 such as 2024-01-31T00:00:00Z");
        }

        if (end < start)
        {
            throw Invalid("1003", $"filter.{name}.endAt is before startAt");
        }

        // EMULATOR CHOICE: Marketo documents the 31-day limit but not the error; this is 1003 with the range in the text.
        if (end - start > MaxRange)
        {
            throw Invalid("1003", $"filter.{name} spans {(end - start).TotalDays:0.##} days; a date range can span at most 31 days");
        }

        return (start, end);
    }

    private static List<string>? Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString())]
            : null;

    private static List<long>? Numbers(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return
        [
            .. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long n) ? n
                : throw Invalid("1003", $"{name} must contain only numbers, but contains {e.GetRawText()}")),
        ];
    }

    private static InvalidExportRequestException Invalid(string code, string message) => new(code, message);

    private sealed class InvalidExportRequestException(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }
}
