using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>Serves the Asset API program browse: offset paging, update-time bounds and the "No assets found" end.</summary>
internal sealed class AssetHandlers
{
    private const int DefaultMaxReturn = 20;
    private const int MaxReturn = 200;
    private const string NoAssetsFound = "No assets found for the given search criteria.";

    private readonly EmulatedDataset _dataset;

    public AssetHandlers(EmulatedDataset dataset) => _dataset = dataset;

    public ApiResponse Programs(ApiRequest request)
    {
        if (!TryInt(request.Parameter("maxReturn"), DefaultMaxReturn, out int maxReturn) || maxReturn is < 1 or > MaxReturn)
        {
            return ApiResponse.Error(request.RequestId, "1003", $"Invalid maxReturn '{request.Parameter("maxReturn")}'; it must be between 1 and {MaxReturn}");
        }

        if (!TryInt(request.Parameter("offset"), 0, out int offset) || offset < 0)
        {
            return ApiResponse.Error(request.RequestId, "1003", $"Invalid offset '{request.Parameter("offset")}'; it must be 0 or more");
        }

        if (request.Parameter("filterType") is { } filterType)
        {
            // NOTE: program filters by id, folder or workspace are not emulated.
            return ApiResponse.Error(request.RequestId, "1003", $"filterType '{filterType}' is not supported by the emulator");
        }

        var (earliest, latest, error) = Bounds(request);
        if (error is not null)
        {
            return error;
        }

        // Programs created or updated within the bounds, as Marketo's browse documents.
        var page = _dataset.Programs
            .Where(p => InRange(p.CreatedAt, earliest, latest) || InRange(p.UpdatedAt, earliest, latest))
            .Skip(offset)
            .Take(maxReturn)
            .ToList();
        var body = new JsonObject { ["success"] = true, ["errors"] = new JsonArray(), ["requestId"] = request.RequestId };
        if (page.Count == 0)
        {
            body["warnings"] = new JsonArray(NoAssetsFound);
            return ApiResponse.Json(body);
        }

        body["warnings"] = new JsonArray();
        body["result"] = new JsonArray([.. page.Select(ProgramJson)]);
        return ApiResponse.Json(body);
    }

    private static (DateTimeOffset? Earliest, DateTimeOffset? Latest, ApiResponse? Error) Bounds(ApiRequest request)
    {
        DateTimeOffset? earliest = null;
        DateTimeOffset? latest = null;
        foreach (string name in (string[])["earliestUpdatedAt", "latestUpdatedAt"])
        {
            if (request.Parameter(name) is not { } text)
            {
                continue;
            }

            if (!Timestamps.TryParse(text, out var value))
            {
                return (null, null, ApiResponse.Error(request.RequestId, "1003", $"Invalid {name} '{text}'; use ISO-8601 such as 2024-01-31T00:00:00Z"));
            }

            if (name == "earliestUpdatedAt")
            {
                earliest = value;
            }
            else
            {
                latest = value;
            }
        }

        return (earliest, latest, null);
    }

    private static bool InRange(DateTimeOffset value, DateTimeOffset? earliest, DateTimeOffset? latest) =>
        (earliest is null || value >= earliest) && (latest is null || value <= latest);

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static JsonNode ProgramJson(EmulatedProgram program) => new JsonObject
    {
        ["id"] = program.Id,
        ["name"] = program.Name,
        ["description"] = program.Description,
        ["createdAt"] = Timestamps.Asset(program.CreatedAt),
        ["updatedAt"] = Timestamps.Asset(program.UpdatedAt),
        ["url"] = string.Create(CultureInfo.InvariantCulture, $"https://app-emulator.marketo.com/#PG{program.Id}A1"),
        ["type"] = program.Type,
        ["channel"] = program.Channel,
        ["folder"] = new JsonObject { ["type"] = "Folder", ["value"] = program.FolderId, ["folderName"] = program.FolderName },
        ["status"] = program.Status,
        ["workspace"] = program.Workspace,
        ["headStart"] = false,
    };
}
