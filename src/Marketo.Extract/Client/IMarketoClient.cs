using Marketo.Extract.Models;

namespace Marketo.Extract;

/// <summary>
/// A typed client for the Marketo Engage REST, Asset and Bulk Extract APIs.
/// </summary>
/// <remarks>
/// Every call authenticates with a cached client-credentials token sent as
/// <c>Authorization: Bearer</c>, reads Marketo's response envelope, retries transient failures
/// and stays under the client-side rate and concurrency limits set in
/// <see cref="MarketoClientOptions"/>. Failures reported by Marketo surface as
/// <see cref="MarketoException"/> or one of its subtypes.
/// </remarks>
public interface IMarketoClient
{
    /// <summary>Gets the counters of the calls this client has made.</summary>
    MarketoClientStatistics Statistics { get; }

    /// <summary>Reads every activity type of the instance, standard and custom.</summary>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The activity types, in Marketo's order.</returns>
    Task<IReadOnlyList<ActivityType>> GetActivityTypesAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the lead fields that can be used over REST, from describe2 or, failing that, describe.</summary>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The lead fields; fields without a REST name are left out.</returns>
    Task<IReadOnlyList<LeadField>> DescribeLeadsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads every smart campaign, page by page (<c>GET /rest/v1/campaigns.json</c>).</summary>
    /// <param name="cancellationToken">A token that cancels the enumeration.</param>
    /// <returns>The campaigns.</returns>
    IAsyncEnumerable<Campaign> GetCampaignsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one page of smart campaigns.</summary>
    /// <param name="continuationToken">The token of the page to read, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The page; its <see cref="MarketoPage{T}.ContinuationToken"/> is <see langword="null"/> on the last page.</returns>
    Task<MarketoPage<Campaign>> GetCampaignsPageAsync(string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Reads every static list, page by page (<c>GET /rest/v1/lists.json</c>).</summary>
    /// <param name="cancellationToken">A token that cancels the enumeration.</param>
    /// <returns>The static lists.</returns>
    IAsyncEnumerable<StaticList> GetStaticListsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one page of static lists.</summary>
    /// <param name="continuationToken">The token of the page to read, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The page; its <see cref="MarketoPage{T}.ContinuationToken"/> is <see langword="null"/> on the last page.</returns>
    Task<MarketoPage<StaticList>> GetStaticListsPageAsync(string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Reads every program, page by page (<c>GET /rest/asset/v1/programs.json</c>).</summary>
    /// <param name="updatedWithin">
    /// When set, only programs created or updated within the range (sent as
    /// <c>earliestUpdatedAt</c> and <c>latestUpdatedAt</c>); when <see langword="null"/>, every program.
    /// </param>
    /// <param name="cancellationToken">A token that cancels the enumeration.</param>
    /// <returns>The programs.</returns>
    IAsyncEnumerable<MarketoProgram> GetProgramsAsync(DateTimeRange? updatedWithin = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of programs.</summary>
    /// <param name="updatedWithin">The optional update range, as in <see cref="GetProgramsAsync"/>.</param>
    /// <param name="continuationToken">The token of the page to read (the offset), or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The page; its <see cref="MarketoPage{T}.ContinuationToken"/> is <see langword="null"/> on the last page.</returns>
    Task<MarketoPage<MarketoProgram>> GetProgramsPageAsync(DateTimeRange? updatedWithin, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Reads the Delete Lead activities since a point in time (<c>GET /rest/v1/activities/deletedleads.json</c>).</summary>
    /// <param name="since">The earliest activity date to read.</param>
    /// <param name="cancellationToken">A token that cancels the enumeration.</param>
    /// <returns>The Delete Lead activities, oldest first.</returns>
    IAsyncEnumerable<LeadActivity> GetDeletedLeadsAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of Delete Lead activities.</summary>
    /// <param name="pagingToken">
    /// A date-based paging token: from <see cref="GetPagingTokenAsync"/> for the first page, then the previous page's
    /// <see cref="MarketoPage{T}.ContinuationToken"/>.
    /// </param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The page; its <see cref="MarketoPage{T}.ContinuationToken"/> is <see langword="null"/> once Marketo reports no more results.</returns>
    Task<MarketoPage<LeadActivity>> GetDeletedLeadsPageAsync(string pagingToken, CancellationToken cancellationToken = default);

    /// <summary>Gets a date-based paging token for the activity endpoints (<c>GET /rest/v1/activities/pagingtoken.json</c>).</summary>
    /// <param name="since">The point in time the token starts at.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The paging token.</returns>
    Task<string> GetPagingTokenAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Creates a bulk lead export job; the job stays in Created until it is enqueued.</summary>
    /// <param name="request">The fields and the one filter of the export.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The created job.</returns>
    /// <exception cref="MarketoUnsupportedFilterException">The subscription does not support the filter (Marketo code 1035).</exception>
    Task<BulkExportJobInfo> CreateLeadExportAsync(LeadExportRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates a bulk activity export job; the job stays in Created until it is enqueued.</summary>
    /// <param name="request">The date range, the activity types and the fields of the export.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The created job.</returns>
    Task<BulkExportJobInfo> CreateActivityExportAsync(ActivityExportRequest request, CancellationToken cancellationToken = default);

    /// <summary>Enqueues a created export job. A job that is already queued is not an error.</summary>
    /// <param name="kind">Whether the job exports leads or activities.</param>
    /// <param name="exportId">The id of the job.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The job after enqueueing.</returns>
    /// <exception cref="MarketoExportQueueFullException">Marketo's export queue holds 10 jobs already (code 1029).</exception>
    /// <exception cref="MarketoQuotaExceededException">The daily export quota is used up (code 1029).</exception>
    Task<BulkExportJobInfo> EnqueueExportAsync(BulkExportObject kind, string exportId, CancellationToken cancellationToken = default);

    /// <summary>Reads the status of an export job.</summary>
    /// <param name="kind">Whether the job exports leads or activities.</param>
    /// <param name="exportId">The id of the job.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The job.</returns>
    Task<BulkExportJobInfo> GetExportStatusAsync(BulkExportObject kind, string exportId, CancellationToken cancellationToken = default);

    /// <summary>Cancels an export job.</summary>
    /// <param name="kind">Whether the job exports leads or activities.</param>
    /// <param name="exportId">The id of the job.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The job after cancellation.</returns>
    Task<BulkExportJobInfo> CancelExportAsync(BulkExportObject kind, string exportId, CancellationToken cancellationToken = default);

    /// <summary>Lists this API user's export jobs created in the past 7 days, page by page.</summary>
    /// <param name="kind">Whether to list lead or activity jobs.</param>
    /// <param name="statuses">The statuses to list, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">A token that cancels the enumeration.</param>
    /// <returns>The jobs.</returns>
    IAsyncEnumerable<BulkExportJobInfo> ListExportsAsync(
        BulkExportObject kind,
        IReadOnlyCollection<BulkExportStatus>? statuses = null,
        CancellationToken cancellationToken = default);

    /// <summary>Opens the file of a completed export job as a stream, starting at a byte offset.</summary>
    /// <param name="kind">Whether the job exports leads or activities.</param>
    /// <param name="exportId">The id of the job.</param>
    /// <param name="offset">The first byte to read; above 0 the request carries an HTTP <c>Range</c> header.</param>
    /// <param name="cancellationToken">A token that cancels the call.</param>
    /// <returns>The open file; the caller disposes it.</returns>
    /// <exception cref="MarketoExportFileNotFoundException">The file is not there (HTTP 404): the job is not completed, or its file has expired.</exception>
    Task<BulkExportFile> OpenExportFileAsync(
        BulkExportObject kind,
        string exportId,
        long offset = 0,
        CancellationToken cancellationToken = default);
}
