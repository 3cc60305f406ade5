using Marketo.Extract.Bulk.Internal;
using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk;

/// <summary>
/// One export for <see cref="BulkExportScheduler"/> to run: the caller's key, the request, and optionally the export
/// id of a job created by an earlier run, to pick that job up instead of exporting again.
/// </summary>
public sealed class BulkExportWorkItem
{
    private BulkExportWorkItem(
        string key,
        BulkExportObject kind,
        LeadExportRequest? leadRequest,
        ActivityExportRequest? activityRequest,
        string? savedExportId)
    {
        Key = key;
        Kind = kind;
        LeadRequest = leadRequest;
        ActivityRequest = activityRequest;
        SavedExportId = savedExportId;
    }

    /// <summary>
    /// Gets the caller's key for the work item, unique within a run; the scheduler hands it back with the completed
    /// export and to <see cref="IBulkExportJobTracker"/>.
    /// </summary>
    public string Key { get; }

    /// <summary>Gets whether the work item exports leads or activities.</summary>
    public BulkExportObject Kind { get; }

    /// <summary>Gets the lead export request when <see cref="Kind"/> is <see cref="BulkExportObject.Leads"/>.</summary>
    public LeadExportRequest? LeadRequest { get; }

    /// <summary>Gets the activity export request when <see cref="Kind"/> is <see cref="BulkExportObject.Activities"/>.</summary>
    public ActivityExportRequest? ActivityRequest { get; }

    /// <summary>
    /// Gets the export id of a job an earlier run created for this work item, or <see langword="null"/> to create a
    /// new job.
    /// </summary>
    public string? SavedExportId { get; }

    /// <summary>Creates a work item that exports leads.</summary>
    /// <param name="key">The caller's key, unique within a run, for example the date range of the window.</param>
    /// <param name="request">The fields and the filter of the export.</param>
    /// <param name="savedExportId">The export id saved by an earlier run for this key, or <see langword="null"/>.</param>
    /// <returns>The work item.</returns>
    public static BulkExportWorkItem ForLeads(string key, LeadExportRequest request, string? savedExportId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfBlank(savedExportId);
        return new BulkExportWorkItem(key, BulkExportObject.Leads, request, null, savedExportId);
    }

    /// <summary>Creates a work item that exports activities.</summary>
    /// <param name="key">The caller's key, unique within a run, for example the date range and the type group.</param>
    /// <param name="request">The date range, the activity types (at most 10, never Delete Lead) and the fields.</param>
    /// <param name="savedExportId">The export id saved by an earlier run for this key, or <see langword="null"/>.</param>
    /// <returns>The work item.</returns>
    /// <exception cref="ArgumentException">
    /// The request lists more than 10 activity types, an empty list, or Delete Lead (37).
    /// </exception>
    public static BulkExportWorkItem ForActivities(string key, ActivityExportRequest request, string? savedExportId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        BulkExportGuard.ThrowIfInvalid(request, nameof(request));
        ThrowIfBlank(savedExportId);
        return new BulkExportWorkItem(key, BulkExportObject.Activities, null, request, savedExportId);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"BulkExportWorkItem {{ Key = {Key}, Kind = {Kind}, SavedExportId = {SavedExportId ?? "null"} }}";

    /// <summary>Sends the create call that matches the request.</summary>
    internal Task<BulkExportJobInfo> CreateExportAsync(IMarketoClient client, CancellationToken cancellationToken) =>
        Kind == BulkExportObject.Leads
            ? client.CreateLeadExportAsync(LeadRequest!, cancellationToken)
            : client.CreateActivityExportAsync(ActivityRequest!, cancellationToken);

    private static void ThrowIfBlank(string? savedExportId)
    {
        if (savedExportId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(savedExportId);
        }
    }
}
