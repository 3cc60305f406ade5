using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using Marketo.Extract.Testing.Internal.Data;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>Serves the lead database reads: describes, activity types, campaigns, lists, activities and usage.</summary>
internal sealed partial class LeadDatabaseHandlers
{
    private const int MaxActivityTypeIds = 10;
    private const int MaxLeadIds = 30;

    private readonly EmulatedDataset _dataset;
    private readonly CallLimiter _limiter;

    public LeadDatabaseHandlers(EmulatedDataset dataset, CallLimiter limiter)
    {
        _dataset = dataset;
        _limiter = limiter;
    }

    public ApiResponse Handle(ApiRequest request) => request.Endpoint switch
    {
        EmulatorEndpoints.ActivityTypes => ApiResponse.Success(request.RequestId, [.. ActivityCatalog.Types.Select(TypeJson)]),
        EmulatorEndpoints.DescribeLeads => ApiResponse.Success(request.RequestId, [.. LeadSchema.Fields.Select(DescribeJson)]),
        EmulatorEndpoints.DescribeLeads2 => ApiResponse.Success(request.RequestId, [Describe2Json()]),
        EmulatorEndpoints.Campaigns => Campaigns(request),
        EmulatorEndpoints.StaticLists => StaticLists(request),
        EmulatorEndpoints.PagingToken => PagingToken(request),
        EmulatorEndpoints.Activities => Activities(request),
        EmulatorEndpoints.DeletedLeads => DeletedLeads(request),
        EmulatorEndpoints.Usage => Usage(request, 1),
        _ => Usage(request, 7),
    };

    private ApiResponse Campaigns(ApiRequest request)
    {
        if (!TryParseIds(request, "id", out var ids, out var invalid))
        {
            return invalid;
        }

        var names = NameSet(request.Parameter("name"));
        var programs = NameSet(request.Parameter("programName"));
        var workspaces = NameSet(request.Parameter("workspaceName"));
        bool triggerableOnly = string.Equals(request.Parameter("isTriggerable"), "true", StringComparison.OrdinalIgnoreCase);
        var campaigns = _dataset.Campaigns
            .Where(c => (ids is null || ids.Contains(c.Id)) && (names is null || names.Contains(c.Name)))
            .Where(c => (programs is null || (c.ProgramName is not null && programs.Contains(c.ProgramName))) &&
                (workspaces is null || workspaces.Contains(c.WorkspaceName)))
            .Where(c => !triggerableOnly || (c.Type == "trigger" && c.Active == true))
            .ToList();
        return PositionPaging.Page(request, campaigns, CampaignJson);
    }

    private ApiResponse StaticLists(ApiRequest request)
    {
        if (!TryParseIds(request, "id", out var ids, out var invalid))
        {
            return invalid;
        }

        var names = NameSet(request.Parameter("name"));
        var programs = NameSet(request.Parameter("programName"));
        var workspaces = NameSet(request.Parameter("workspaceName"));
        var lists = _dataset.StaticLists
            .Where(l => (ids is null || ids.Contains(l.Id)) && (names is null || names.Contains(l.Name)))
            .Where(l => (programs is null || (l.ProgramName is not null && programs.Contains(l.ProgramName))) &&
                (workspaces is null || workspaces.Contains(l.WorkspaceName)))
            .ToList();
        return PositionPaging.Page(request, lists, StaticListJson);
    }

    private static ApiResponse PagingToken(ApiRequest request)
    {
        if (!Timestamps.TryParse(request.Parameter("sinceDatetime"), out var since))
        {
            return ApiResponse.Error(request.RequestId, "1003",
                "sinceDatetime is missing or invalid; send an ISO-8601 time such as 2024-01-31T00:00:00Z, URL-encoded");
        }

        return ApiResponse.Success(request.RequestId, null, ("nextPageToken", DatePaging.Encode(since, -1)));
    }

    private ApiResponse Activities(ApiRequest request)
    {
        if (!TryParseIds(request, "activityTypeIds", out var typeIds, out var invalid) ||
            !TryParseIds(request, "leadIds", out var leadIds, out invalid) ||
            !TryParseIds(request, "assetIds", out var assetIds, out invalid) ||
            !TryParseIds(request, "listId", out var listIds, out invalid))
        {
            return invalid;
        }

        if (CheckActivityFilters(request, typeIds, leadIds, assetIds, listIds) is { } rejected)
        {
            return rejected;
        }

        HashSet<long>? members = null;
        if (listIds is not null)
        {
            long listId = listIds.Single();
            var list = _dataset.StaticLists.FirstOrDefault(l => l.Id == listId);
            if (list is null)
            {
                return ApiResponse.Error(request.RequestId, "1013", $"Static list {listId} not found");
            }

            members = [.. list.MemberLeadIds];
        }

        return ActivityPage(request, _dataset.Activities, a => typeIds!.Contains(a.ActivityTypeId) &&
            (leadIds is null || leadIds.Contains(a.LeadId)) && (members is null || members.Contains(a.LeadId)) &&
            (assetIds is null || (a.PrimaryAttributeValueId is { } assetId && assetIds.Contains(assetId))), ActivityJson);
    }

    private static ApiResponse? CheckActivityFilters(
        ApiRequest request, HashSet<long>? typeIds, HashSet<long>? leadIds, HashSet<long>? assetIds, HashSet<long>? listIds)
    {
        if (typeIds is null || typeIds.Count == 0 || typeIds.Count > MaxActivityTypeIds)
        {
            return ApiResponse.Error(request.RequestId, "1003",
                $"activityTypeIds must list 1 to {MaxActivityTypeIds} activity type ids, comma-separated");
        }

        if (leadIds?.Count > MaxLeadIds)
        {
            return ApiResponse.Error(request.RequestId, "1003", $"leadIds can list at most {MaxLeadIds} ids, but lists {leadIds.Count}");
        }

        // The primary asset id means something only within one activity type, so Marketo takes assetIds with exactly one.
        if (assetIds is not null && typeIds.Count != 1)
        {
            return ApiResponse.Error(request.RequestId, "1003",
                $"assetIds needs exactly one activity type id in activityTypeIds, but {typeIds.Count} were given");
        }

        return listIds?.Count > 1
            ? ApiResponse.Error(request.RequestId, "1003", $"listId takes one static list id, but {listIds.Count} were given")
            : null;
    }

    private ApiResponse DeletedLeads(ApiRequest request) =>
        ActivityPage(request, _dataset.DeletedLeads, _ => true, DeletedLeadJson);

    private static ApiResponse ActivityPage(
        ApiRequest request, IReadOnlyList<EmulatedActivity> activities, Func<EmulatedActivity, bool> filter,
        Func<EmulatedActivity, JsonNode> toJson)
    {
        if (PositionPaging.BatchSize(request) is not { } batchSize)
        {
            return PositionPaging.BatchSizeError(request);
        }

        if (request.Parameter("nextPageToken") is not { Length: > 0 } token || !DatePaging.TryDecode(token, out var since, out long afterId))
        {
            return ApiResponse.Error(request.RequestId, "1003",
                "nextPageToken is missing or invalid; get one from /rest/v1/activities/pagingtoken.json");
        }

        var (page, more, next) = DatePaging.Read(activities, filter, since, afterId, batchSize);

        // Marketo leaves result out of an empty activity page but always sends the token.
        var result = page.Count == 0 ? null : new JsonArray([.. page.Select(toJson)]);
        return ApiResponse.Success(request.RequestId, result, ("nextPageToken", next), ("moreResult", more));
    }

    private ApiResponse Usage(ApiRequest request, int days)
    {
        var today = ChicagoTime.DayOf(request.Now);
        var usage = _limiter.Usage(Enumerable.Range(0, days).Select(i => today.AddDays(-i)));
        return ApiResponse.Success(request.RequestId, [.. usage.Select(UsageJson)]);
    }

    // An absent or empty parameter yields null ids. A non-numeric id fails the call with 1003, because
    // matching nothing would hide the client's mistake behind an empty success.
    private static bool TryParseIds(
        ApiRequest request, string name, out HashSet<long>? ids, [NotNullWhen(false)] out ApiResponse? invalid)
    {
        ids = null;
        invalid = null;
        string? text = request.Parameter(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        ids = [];
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long id))
            {
                invalid = ApiResponse.Error(request.RequestId, "1003", $"Invalid {name} '{part}'; send comma-separated whole numbers");
                return false;
            }

            ids.Add(id);
        }

        return true;
    }

    private static HashSet<string>? NameSet(string? text) => string.IsNullOrEmpty(text)
        ? null
        : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
