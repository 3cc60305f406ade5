using System.Globalization;
using System.Runtime.CompilerServices;
using Marketo.Extract.Internal;
using Marketo.Extract.Internal.Json;
using Marketo.Extract.Models;

namespace Marketo.Extract;

/// <summary>Date-based paging tokens and deleted leads.</summary>
public sealed partial class MarketoClient
{
    private const string PagingTokenPath = "/rest/v1/activities/pagingtoken.json";
    private const string DeletedLeadsPath = "/rest/v1/activities/deletedleads.json";

    /// <inheritdoc />
    public IAsyncEnumerable<LeadActivity> GetDeletedLeadsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ReadDeletedLeadsAsync(since, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MarketoPage<LeadActivity>> GetDeletedLeadsPageAsync(
        string pagingToken, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(pagingToken);
        var query = new QueryBuilder()
            .Add("nextPageToken", pagingToken)
            .Add("batchSize", LeadDatabaseBatchSize.ToString(CultureInfo.InvariantCulture));
        var envelope = await GetAsync(DeletedLeadsPath, query, MarketoJsonContext.Default.MarketoEnvelopeLeadActivityDto, cancellationToken)
            .ConfigureAwait(false);
        var activities = (envelope.Result ?? []).Select(dto => dto.ToModel("GET " + DeletedLeadsPath)).ToArray();

        // Date-based paging goes on while moreResult is true, even after a short or empty page; every page has a token.
        if (envelope.MoreResult != true)
        {
            return new MarketoPage<LeadActivity>(activities, null);
        }

        if (string.IsNullOrEmpty(envelope.NextPageToken))
        {
            throw new MarketoException(
                $"GET {DeletedLeadsPath} reported more results but sent no nextPageToken (request id " +
                $"{envelope.RequestId}), so the remaining deleted leads cannot be read. Try again later.")
            {
                RequestId = envelope.RequestId,
            };
        }

        return new MarketoPage<LeadActivity>(activities, envelope.NextPageToken);
    }

    /// <inheritdoc />
    public async Task<string> GetPagingTokenAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var query = new QueryBuilder().Add("sinceDatetime", MarketoDateTime.FormatFilter(since));
        var envelope = await GetAsync(PagingTokenPath, query, MarketoJsonContext.Default.MarketoEnvelopeJsonElement, cancellationToken)
            .ConfigureAwait(false);
        if (string.IsNullOrEmpty(envelope.NextPageToken))
        {
            throw new MarketoException(
                $"GET {PagingTokenPath} succeeded but sent no nextPageToken (request id {envelope.RequestId}); " +
                "try again later.")
            {
                RequestId = envelope.RequestId,
            };
        }

        return envelope.NextPageToken;
    }

    private async IAsyncEnumerable<LeadActivity> ReadDeletedLeadsAsync(
        DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = await GetPagingTokenAsync(since, cancellationToken).ConfigureAwait(false);
        var pages = ReadAllPagesAsync(
            (pageToken, ct) => GetDeletedLeadsPageAsync(pageToken!, ct), "GET " + DeletedLeadsPath, token, cancellationToken);
        await foreach (var activity in pages.ConfigureAwait(false))
        {
            yield return activity;
        }
    }
}
