using System.Globalization;
using System.Text.Json;
using Marketo.Extract.Internal;
using Marketo.Extract.Internal.Json;
using Marketo.Extract.Models;

namespace Marketo.Extract;

/// <summary>Bulk export jobs: create, enqueue, status, cancel and list.</summary>
public sealed partial class MarketoClient
{
    /// <inheritdoc />
    public Task<BulkExportJobInfo> CreateLeadExportAsync(LeadExportRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(request);
        return CreateExportAsync(BulkExportObject.Leads, ExportRequestBodies.ForLeads(request), cancellationToken);
    }

    /// <inheritdoc />
    public Task<BulkExportJobInfo> CreateActivityExportAsync(
        ActivityExportRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(request);
        return CreateExportAsync(BulkExportObject.Activities, ExportRequestBodies.ForActivities(request), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<BulkExportJobInfo> EnqueueExportAsync(
        BulkExportObject kind, string exportId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var call = new MarketoCall(JobRequest(HttpMethod.Post, kind, exportId, "enqueue.json"));
        using (var response = await _transport.ExecuteAsync(call, cancellationToken).ConfigureAwait(false))
        {
            if (response.Failure is not { ErrorCode: MarketoErrorCodes.ExportQueueOrQuota } failure
                || !MarketoErrorCodes.IsExportAlreadyQueued(failure.MarketoMessage))
            {
                _transport.ThrowIfFailed(call, response);
                return SingleJob((MarketoEnvelope<ExportJobDto>)response.Envelope!, call.Request);
            }
        }

        // "Job already queued": an earlier enqueue went through, so the job's current status is the result.
        return await GetExportStatusAsync(kind, exportId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<BulkExportJobInfo> GetExportStatusAsync(
        BulkExportObject kind, string exportId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return SendJobRequestAsync(JobRequest(HttpMethod.Get, kind, exportId, "status.json"), cancellationToken);
    }

    /// <inheritdoc />
    public Task<BulkExportJobInfo> CancelExportAsync(
        BulkExportObject kind, string exportId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return SendJobRequestAsync(JobRequest(HttpMethod.Post, kind, exportId, "cancel.json"), cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<BulkExportJobInfo> ListExportsAsync(
        BulkExportObject kind,
        IReadOnlyCollection<BulkExportStatus>? statuses = null,
        CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var segment = BulkExportMapping.PathSegment(kind);
        var filter = statuses?.Distinct().Select(status => BulkExportMapping.FormatStatusFilter(status, nameof(statuses))).ToArray();
        if (filter is { Length: 0 })
        {
            throw new ArgumentException(
                "The status filter is empty; pass at least one status, or null for every status.", nameof(statuses));
        }

        var path = $"/bulk/v1/{segment}/export.json";
        return ReadAllPagesAsync((token, ct) => ListExportsPageAsync(path, filter, token, ct), "GET " + path, null, cancellationToken);
    }

    private async Task<MarketoPage<BulkExportJobInfo>> ListExportsPageAsync(
        string path, string[]? statusFilter, string? continuationToken, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var query = new QueryBuilder();
        if (statusFilter is not null)
        {
            query.AddList("status", statusFilter);
        }

        query.Add("batchSize", LeadDatabaseBatchSize.ToString(CultureInfo.InvariantCulture))
            .Add("nextPageToken", continuationToken);
        var envelope = await GetAsync(path, query, MarketoJsonContext.Default.MarketoEnvelopeExportJobDto, cancellationToken)
            .ConfigureAwait(false);
        var jobs = (envelope.Result ?? []).Select(job => BulkExportMapping.ToJobInfo(job, "GET " + path)).ToArray();
        return new MarketoPage<BulkExportJobInfo>(
            jobs, string.IsNullOrEmpty(envelope.NextPageToken) ? null : envelope.NextPageToken);
    }

    private Task<BulkExportJobInfo> CreateExportAsync(
        BulkExportObject kind, ExportCreateBody body, CancellationToken cancellationToken)
    {
        var request = new MarketoRequest
        {
            Method = HttpMethod.Post,
            Path = $"/bulk/v1/{BulkExportMapping.PathSegment(kind)}/export/create.json",
            JsonBody = JsonSerializer.SerializeToUtf8Bytes(body, MarketoJsonContext.Default.ExportCreateBody),
            EnvelopeType = MarketoJsonContext.Default.MarketoEnvelopeExportJobDto,
            RetryMode = MarketoRetryMode.CreateExport,
            ExportKind = kind,
        };
        return SendJobRequestAsync(request, cancellationToken);
    }

    private async Task<BulkExportJobInfo> SendJobRequestAsync(MarketoRequest request, CancellationToken cancellationToken)
    {
        var envelope = await _transport.SendAsync<ExportJobDto>(request, cancellationToken).ConfigureAwait(false);
        return SingleJob(envelope, request);
    }

    private static MarketoRequest JobRequest(HttpMethod method, BulkExportObject kind, string exportId, string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportId);
        return new MarketoRequest
        {
            Method = method,
            Path = $"/bulk/v1/{BulkExportMapping.PathSegment(kind)}/export/{Uri.EscapeDataString(exportId)}/{action}",
            EnvelopeType = MarketoJsonContext.Default.MarketoEnvelopeExportJobDto,
            ExportKind = kind,
            ExportId = exportId,
        };
    }

    private static BulkExportJobInfo SingleJob(MarketoEnvelope<ExportJobDto> envelope, MarketoRequest request)
    {
        if (envelope.Result is not [var job, ..])
        {
            throw new MarketoException(
                $"{request.Description} succeeded but returned no job (request id {envelope.RequestId}); check the " +
                $"jobs with ListExportsAsync(BulkExportObject.{request.ExportKind}).")
            {
                RequestId = envelope.RequestId,
            };
        }

        return BulkExportMapping.ToJobInfo(job, request.Description);
    }
}
