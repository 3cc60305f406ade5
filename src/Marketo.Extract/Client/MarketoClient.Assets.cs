using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Marketo.Extract.Internal;
using Marketo.Extract.Internal.Json;
using Marketo.Extract.Models;

namespace Marketo.Extract;

/// <summary>Campaigns, static lists and programs.</summary>
public sealed partial class MarketoClient
{
    private const string CampaignsPath = "/rest/v1/campaigns.json";
    private const string StaticListsPath = "/rest/v1/lists.json";
    private const string ProgramsPath = "/rest/asset/v1/programs.json";

    /// <summary>The largest page the Asset API returns (<c>maxReturn</c>).</summary>
    private const int AssetPageSize = 200;

    /// <inheritdoc />
    public IAsyncEnumerable<Campaign> GetCampaignsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ReadAllPagesAsync(GetCampaignsPageAsync, "GET " + CampaignsPath, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MarketoPage<Campaign>> GetCampaignsPageAsync(
        string? continuationToken, CancellationToken cancellationToken = default) =>
        GetTokenPageAsync(
            CampaignsPath, continuationToken, MarketoJsonContext.Default.MarketoEnvelopeCampaignDto, ModelMapping.ToModel, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<StaticList> GetStaticListsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ReadAllPagesAsync(GetStaticListsPageAsync, "GET " + StaticListsPath, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MarketoPage<StaticList>> GetStaticListsPageAsync(
        string? continuationToken, CancellationToken cancellationToken = default) =>
        GetTokenPageAsync(
            StaticListsPath, continuationToken, MarketoJsonContext.Default.MarketoEnvelopeStaticListDto, ModelMapping.ToModel, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<MarketoProgram> GetProgramsAsync(
        DateTimeRange? updatedWithin = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ValidateUpdatedWithin(updatedWithin);
        return ReadAllPagesAsync(
            (token, ct) => GetProgramsPageAsync(updatedWithin, token, ct), "GET " + ProgramsPath, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MarketoPage<MarketoProgram>> GetProgramsPageAsync(
        DateTimeRange? updatedWithin, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ValidateUpdatedWithin(updatedWithin);
        var offset = ParseOffset(continuationToken);
        var query = new QueryBuilder()
            .Add("maxReturn", AssetPageSize.ToString(CultureInfo.InvariantCulture))
            .Add("offset", offset.ToString(CultureInfo.InvariantCulture));
        if (updatedWithin is { } range)
        {
            query.Add("earliestUpdatedAt", MarketoDateTime.FormatFilter(range.Start))
                .Add("latestUpdatedAt", MarketoDateTime.FormatFilter(range.End));
        }

        var envelope = await GetAsync(ProgramsPath, query, MarketoJsonContext.Default.MarketoEnvelopeProgramDto, cancellationToken)
            .ConfigureAwait(false);
        var programs = (envelope.Result ?? []).Select(dto => dto.ToModel("GET " + ProgramsPath)).ToArray();

        // Past the last program the Asset API sends no result and a "No assets found" warning.
        var ended = programs.Length == 0 || HasNoAssetsWarning(envelope.Warnings);
        var next = ended ? null : (offset + programs.Length).ToString(CultureInfo.InvariantCulture);
        return new MarketoPage<MarketoProgram>(programs, next);
    }

    private async Task<MarketoPage<T>> GetTokenPageAsync<TDto, T>(
        string path,
        string? continuationToken,
        JsonTypeInfo<MarketoEnvelope<TDto>> envelopeType,
        Func<TDto, string, T> map,
        CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var query = new QueryBuilder()
            .Add("batchSize", LeadDatabaseBatchSize.ToString(CultureInfo.InvariantCulture))
            .Add("nextPageToken", continuationToken);
        var envelope = await GetAsync(path, query, envelopeType, cancellationToken).ConfigureAwait(false);

        // Position paging ends when Marketo leaves out the token; moreResult is not needed to tell.
        var next = string.IsNullOrEmpty(envelope.NextPageToken) ? null : envelope.NextPageToken;
        var items = (envelope.Result ?? []).Select(dto => map(dto, "GET " + path)).ToArray();
        return new MarketoPage<T>(items, next);
    }

    private static bool HasNoAssetsWarning(List<JsonElement>? warnings) =>
        warnings?.Any(warning => WarningText(warning)?.Contains("No assets found", StringComparison.OrdinalIgnoreCase) == true)
        == true;

    private static string? WarningText(JsonElement warning) => warning.ValueKind switch
    {
        JsonValueKind.String => warning.GetString(),
        JsonValueKind.Object when warning.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String =>
            message.GetString(),
        _ => null,
    };

    private static int ParseOffset(string? continuationToken)
    {
        if (string.IsNullOrEmpty(continuationToken))
        {
            return 0;
        }

        if (int.TryParse(continuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return offset;
        }

        throw new ArgumentException(
            $"The continuation token '{continuationToken}' is invalid: program pages are continued with the token of " +
            "the previous page, a non-negative offset such as \"200\", or null for the first page.",
            nameof(continuationToken));
    }

    private static void ValidateUpdatedWithin(DateTimeRange? updatedWithin)
    {
        if (updatedWithin is { } range && range.End < range.Start)
        {
            throw new ArgumentException(
                $"The range updatedWithin is invalid: its End {MarketoDateTime.FormatFilter(range.End)} is before its " +
                $"Start {MarketoDateTime.FormatFilter(range.Start)}.",
                nameof(updatedWithin));
        }
    }
}
