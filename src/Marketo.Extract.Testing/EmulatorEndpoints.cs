namespace Marketo.Extract.Testing;

/// <summary>
/// The path templates of the endpoints the emulator serves. <see cref="EmulatorStatistics.CallsByEndpoint"/> is
/// keyed by them, and <see cref="EmulatorCallMatch.Endpoint"/> takes them to aim a fault at one endpoint.
/// </summary>
public static class EmulatorEndpoints
{
    /// <summary>The identity (token) endpoint; its calls are not counted against any limit.</summary>
    public const string Identity = "/identity/oauth/token";

    /// <summary>Get Activity Types.</summary>
    public const string ActivityTypes = "/rest/v1/activities/types.json";

    /// <summary>Get Paging Token.</summary>
    public const string PagingToken = "/rest/v1/activities/pagingtoken.json";

    /// <summary>Get Lead Activities.</summary>
    public const string Activities = "/rest/v1/activities.json";

    /// <summary>Get Deleted Leads.</summary>
    public const string DeletedLeads = "/rest/v1/activities/deletedleads.json";

    /// <summary>Describe Lead.</summary>
    public const string DescribeLeads = "/rest/v1/leads/describe.json";

    /// <summary>Describe Lead2.</summary>
    public const string DescribeLeads2 = "/rest/v1/leads/describe2.json";

    /// <summary>Get Campaigns.</summary>
    public const string Campaigns = "/rest/v1/campaigns.json";

    /// <summary>Get Lists (static lists).</summary>
    public const string StaticLists = "/rest/v1/lists.json";

    /// <summary>Get API usage of today.</summary>
    public const string Usage = "/rest/v1/stats/usage.json";

    /// <summary>Get API usage of the last 7 days.</summary>
    public const string UsageLast7Days = "/rest/v1/stats/usage/last7days.json";

    /// <summary>Browse programs (Asset API).</summary>
    public const string Programs = "/rest/asset/v1/programs.json";

    /// <summary>Create a bulk lead export job.</summary>
    public const string LeadExportCreate = "/bulk/v1/leads/export/create.json";

    /// <summary>Enqueue a bulk lead export job.</summary>
    public const string LeadExportEnqueue = "/bulk/v1/leads/export/{exportId}/enqueue.json";

    /// <summary>Get the status of a bulk lead export job.</summary>
    public const string LeadExportStatus = "/bulk/v1/leads/export/{exportId}/status.json";

    /// <summary>Download the file of a bulk lead export job.</summary>
    public const string LeadExportFile = "/bulk/v1/leads/export/{exportId}/file.json";

    /// <summary>Cancel a bulk lead export job.</summary>
    public const string LeadExportCancel = "/bulk/v1/leads/export/{exportId}/cancel.json";

    /// <summary>List bulk lead export jobs.</summary>
    public const string LeadExportList = "/bulk/v1/leads/export.json";

    /// <summary>Create a bulk activity export job.</summary>
    public const string ActivityExportCreate = "/bulk/v1/activities/export/create.json";

    /// <summary>Enqueue a bulk activity export job.</summary>
    public const string ActivityExportEnqueue = "/bulk/v1/activities/export/{exportId}/enqueue.json";

    /// <summary>Get the status of a bulk activity export job.</summary>
    public const string ActivityExportStatus = "/bulk/v1/activities/export/{exportId}/status.json";

    /// <summary>Download the file of a bulk activity export job.</summary>
    public const string ActivityExportFile = "/bulk/v1/activities/export/{exportId}/file.json";

    /// <summary>Cancel a bulk activity export job.</summary>
    public const string ActivityExportCancel = "/bulk/v1/activities/export/{exportId}/cancel.json";

    /// <summary>List bulk activity export jobs.</summary>
    public const string ActivityExportList = "/bulk/v1/activities/export.json";

    /// <summary>The key under which calls to paths the emulator does not serve are counted.</summary>
    public const string Unknown = "(unknown)";
}
