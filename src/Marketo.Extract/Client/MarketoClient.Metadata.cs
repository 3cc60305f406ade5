using Marketo.Extract.Internal;
using Marketo.Extract.Internal.Json;
using Marketo.Extract.Models;

namespace Marketo.Extract;

/// <summary>Activity types and lead fields.</summary>
public sealed partial class MarketoClient
{
    private const string ActivityTypesPath = "/rest/v1/activities/types.json";

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityType>> GetActivityTypesAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var envelope = await GetAsync(
            ActivityTypesPath, null, MarketoJsonContext.Default.MarketoEnvelopeActivityTypeDto, cancellationToken)
            .ConfigureAwait(false);
        return (envelope.Result ?? []).Select(dto => dto.ToModel("GET " + ActivityTypesPath)).ToArray();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeadField>> DescribeLeadsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var call = new MarketoCall(new MarketoRequest
        {
            Method = HttpMethod.Get,
            Path = "/rest/v1/leads/describe2.json",
            EnvelopeType = MarketoJsonContext.Default.MarketoEnvelopeLeadDescribe2Dto,
        });
        string reason;
        using (var response = await _transport.ExecuteAsync(call, cancellationToken).ConfigureAwait(false))
        {
            if (response.Failure is { } failure)
            {
                if (!CanFallBackToDescribe(failure))
                {
                    _transport.ThrowIfFailed(call, response);
                }

                reason = "it failed with " + failure.Label;
            }
            else
            {
                var fields = MapDescribe2((MarketoEnvelope<LeadDescribe2Dto>)response.Envelope!);
                if (fields.Count > 0)
                {
                    return fields;
                }

                reason = "it returned no fields";
            }
        }

        ClientLog.DescribeFallback(_state.Logger, reason);
        var describe = await GetAsync(
            "/rest/v1/leads/describe.json", null, MarketoJsonContext.Default.MarketoEnvelopeLeadDescribeFieldDto, cancellationToken)
            .ConfigureAwait(false);
        return MapDescribe(describe);
    }

    /// <summary>
    /// Decides whether describe may stand in for a failed describe2: not when the failure would hit describe just
    /// the same, as a transient error, a spent quota or a rejected token would.
    /// </summary>
    private static bool CanFallBackToDescribe(MarketoFailure failure) =>
        !MarketoErrorCodes.IsTransient(failure)
        && failure.ErrorCode is not (MarketoErrorCodes.DailyQuotaReached
            or MarketoErrorCodes.AccessTokenInvalid
            or MarketoErrorCodes.AccessTokenExpired);

    private static List<LeadField> MapDescribe2(MarketoEnvelope<LeadDescribe2Dto> envelope) =>
        (envelope.Result ?? [])
            .SelectMany(entity => entity.Fields ?? [])
            .Where(field => !string.IsNullOrEmpty(field.Name))
            .Select(field => new LeadField
            {
                Name = field.Name!,
                DisplayName = field.DisplayName,
                DataType = DataTypeOrDefault(field.DataType),
                Length = field.Length,
                IsUpdateable = field.Updateable ?? false,
            })
            .ToList();

    private static LeadField[] MapDescribe(MarketoEnvelope<LeadDescribeFieldDto> envelope) =>
        (envelope.Result ?? [])
            .Where(field => !string.IsNullOrEmpty(field.Rest?.Name))
            .Select(field => new LeadField
            {
                Name = field.Rest!.Name!,
                DisplayName = field.DisplayName,
                DataType = DataTypeOrDefault(field.DataType),
                Length = field.Length,
                IsUpdateable = field.Rest.ReadOnly != true,
            })
            .ToArray();

    /// <summary>Returns the data type, or <c>string</c> when Marketo sent none, as unknown types are read as text.</summary>
    private static string DataTypeOrDefault(string? dataType) => string.IsNullOrEmpty(dataType) ? "string" : dataType;
}
