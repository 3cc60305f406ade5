using System.Text.RegularExpressions;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>The endpoint a path maps to: its template, its allowed method and the export id in it.</summary>
internal sealed partial record Route(string Endpoint, string? AllowedMethod, string? ExportId)
{
    private static readonly Dictionary<string, string> FixedRoutes = new(StringComparer.Ordinal)
    {
        [EmulatorEndpoints.ActivityTypes] = "GET",
        [EmulatorEndpoints.PagingToken] = "GET",
        [EmulatorEndpoints.Activities] = "GET",
        [EmulatorEndpoints.DeletedLeads] = "GET",
        [EmulatorEndpoints.DescribeLeads] = "GET",
        [EmulatorEndpoints.DescribeLeads2] = "GET",
        [EmulatorEndpoints.Campaigns] = "GET",
        [EmulatorEndpoints.StaticLists] = "GET",
        [EmulatorEndpoints.Usage] = "GET",
        [EmulatorEndpoints.UsageLast7Days] = "GET",
        [EmulatorEndpoints.Programs] = "GET",
        [EmulatorEndpoints.LeadExportCreate] = "POST",
        [EmulatorEndpoints.LeadExportList] = "GET",
        [EmulatorEndpoints.ActivityExportCreate] = "POST",
        [EmulatorEndpoints.ActivityExportList] = "GET",
    };

    public static Route Find(string path)
    {
        if (path == EmulatorEndpoints.Identity)
        {
            return new Route(EmulatorEndpoints.Identity, null, null);
        }

        if (FixedRoutes.TryGetValue(path, out string? method))
        {
            return new Route(path, method, null);
        }

        var match = ExportJobPath().Match(path);
        if (match.Success)
        {
            string kind = match.Groups["kind"].Value;
            string action = match.Groups["action"].Value;
            string endpoint = $"/bulk/v1/{kind}/export/{{exportId}}/{action}.json";
            return new Route(endpoint, action is "status" or "file" ? "GET" : "POST", match.Groups["id"].Value);
        }

        return new Route(EmulatorEndpoints.Unknown, null, null);
    }

    public bool IsBulk => Endpoint.StartsWith("/bulk/", StringComparison.Ordinal);

    public bool IsFile => Endpoint is EmulatorEndpoints.LeadExportFile or EmulatorEndpoints.ActivityExportFile;

    [GeneratedRegex("^/bulk/v1/(?<kind>leads|activities)/export/(?<id>[^/]+)/(?<action>enqueue|status|file|cancel)\\.json$")]
    private static partial Regex ExportJobPath();
}
