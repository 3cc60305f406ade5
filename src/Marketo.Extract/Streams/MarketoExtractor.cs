using System.Runtime.CompilerServices;
using Marketo.Extract.Models;
using Marketo.Extract.Records;
using Marketo.Extract.Streams.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketo.Extract.Streams;

/// <summary>
/// Reads Marketo's streams incrementally: each stream starts from the cursor its <see cref="ICursorStore"/> saved and
/// saves a new one as records are consumed.
/// </summary>
/// <remarks>
/// <para>
/// The checkpoint contract: a stream's cursor is saved only after every record it covers has been handed to the
/// consumer and the consumer has asked for the next record (or the enumeration ended). A consumer that stores each
/// record before asking for the next loses nothing if the process dies at any point. After a restart, what comes
/// again is at most the records since the stream's last checkpoint: one export window for leads, activities and
/// programs, one page for deleted leads, and the whole stream for campaigns and lists.
/// </para>
/// <para>
/// One instance can run several extractions one after another, not at the same time.
/// </para>
/// </remarks>
public sealed partial class MarketoExtractor
{
    private readonly IMarketoClient _client;
    private readonly ICursorStore _cursorStore;
    private readonly MarketoExtractOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="MarketoExtractor"/> class.</summary>
    /// <param name="client">The Marketo client.</param>
    /// <param name="cursorStore">Where stream state is loaded from and saved to.</param>
    /// <param name="options">The extraction settings; they are validated at the start of each extraction.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    public MarketoExtractor(
        IMarketoClient client,
        ICursorStore cursorStore,
        MarketoExtractOptions options,
        TimeProvider? timeProvider = null,
        ILogger<MarketoExtractor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(cursorStore);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _cursorStore = cursorStore;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets the summary of the last extraction, set when its enumeration ends for any reason.</summary>
    public ExtractSummary? LastSummary { get; private set; }

    /// <summary>Reads the selected streams, one after another, as one sequence of records.</summary>
    /// <param name="streamIds">The streams to read, by id; <see langword="null"/> reads every stream.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">A token that stops the extraction; saved checkpoints stay valid.</param>
    /// <returns>The records; each carries its stream id.</returns>
    /// <exception cref="ArgumentException">The options are invalid or a stream id is unknown.</exception>
    public IAsyncEnumerable<ExtractedRecord> ReadAsync(
        IEnumerable<string>? streamIds = null,
        IProgress<ExtractProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var selection = PrepareSelection(streamIds);
        return ReadRecordsAsync(selection, progress, cancellationToken);
    }

    /// <summary>Reads the selected streams as batches of records, each batch with the checkpoint that covers it.</summary>
    /// <param name="streamIds">The streams to read, by id; <see langword="null"/> reads every stream.</param>
    /// <param name="maxBatchSize">The most records in one batch.</param>
    /// <param name="progress">Receives progress reports; optional.</param>
    /// <param name="cancellationToken">A token that stops the extraction; saved checkpoints stay valid.</param>
    /// <returns>The batches; a batch's checkpoint is saved when the next batch is requested.</returns>
    /// <exception cref="ArgumentException">The options are invalid or a stream id is unknown.</exception>
    public IAsyncEnumerable<RecordBatch> ReadBatchesAsync(
        IEnumerable<string>? streamIds = null,
        int maxBatchSize = 1000,
        IProgress<ExtractProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        var selection = PrepareSelection(streamIds);
        return ReadBatchesCoreAsync(selection, maxBatchSize, progress, cancellationToken);
    }

    /// <summary>Reads one stream, as its own record type.</summary>
    /// <typeparam name="T">
    /// The stream's record type: <see cref="ActivityType"/>, <see cref="Campaign"/>, <see cref="StaticList"/>,
    /// <see cref="MarketoProgram"/>, <see cref="LeadActivity"/> for deleted leads, or
    /// <see cref="Records.MarketoRecord"/> for leads and activities.
    /// </typeparam>
    /// <param name="streamId">The stream id.</param>
    /// <param name="cancellationToken">A token that stops the extraction; saved checkpoints stay valid.</param>
    /// <returns>The stream's records, with the same checkpoint contract as <see cref="ReadAsync"/>.</returns>
    public async IAsyncEnumerable<T> ReadStreamAsync<T>(
        string streamId,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        await foreach (var record in ReadAsync([streamId], null, cancellationToken).ConfigureAwait(false))
        {
            if (record.Value is not T value)
            {
                throw new InvalidCastException(
                    $"Stream '{streamId}' delivers {record.Value.GetType().Name} records, not {typeof(T).Name}; " +
                    $"call ReadStreamAsync<{record.Value.GetType().Name}>.");
            }

            yield return value;
        }
    }

    private StreamSelection PrepareSelection(IEnumerable<string>? streamIds)
    {
        _options.Validate(_timeProvider.GetUtcNow());
        return StreamSelection.Parse(streamIds);
    }

    private async IAsyncEnumerable<ExtractedRecord> ReadRecordsAsync(
        StreamSelection selection,
        IProgress<ExtractProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = StartRun(progress);
        try
        {
            await foreach (var item in ReadItemsAsync(run.Context, selection, cancellationToken).ConfigureAwait(false))
            {
                if (item.Record is { } record)
                {
                    yield return record;
                }
                else
                {
                    await SaveCheckpointAsync(run.Context, item, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            LastSummary = run.Finish();
        }
    }

    private async IAsyncEnumerable<RecordBatch> ReadBatchesCoreAsync(
        StreamSelection selection,
        int maxBatchSize,
        IProgress<ExtractProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = StartRun(progress);
        try
        {
            var records = new List<ExtractedRecord>(Math.Min(maxBatchSize, 4096));
            string? streamId = null;
            await foreach (var item in ReadItemsAsync(run.Context, selection, cancellationToken).ConfigureAwait(false))
            {
                if (streamId is not null && (item.StreamId != streamId || records.Count == maxBatchSize))
                {
                    // A stream's records always end with a checkpoint, so a change of stream only follows a full batch.
                    yield return new RecordBatch { StreamId = streamId, Records = records };
                    records = new List<ExtractedRecord>(records.Count);
                }

                streamId = item.StreamId;
                if (item.Record is { } record)
                {
                    records.Add(record);
                    continue;
                }

                var checkpoint = await run.Context.States.PreviewAsync(streamId, item.Checkpoint!, cancellationToken)
                    .ConfigureAwait(false);
                yield return new RecordBatch { StreamId = streamId, Records = records, Checkpoint = checkpoint };
                await SaveCheckpointAsync(run.Context, item, cancellationToken).ConfigureAwait(false);
                records = [];
                streamId = null;
            }

            if (streamId is not null && records.Count > 0)
            {
                yield return new RecordBatch { StreamId = streamId, Records = records };
            }
        }
        finally
        {
            LastSummary = run.Finish();
        }
    }

    private async ValueTask SaveCheckpointAsync(ExtractContext context, StreamItem item, CancellationToken cancellationToken)
    {
        var checkpoint = item.Checkpoint!;
        await context.States.UpdateAsync(item.StreamId, checkpoint.ApplyTo, cancellationToken).ConfigureAwait(false);
        Log.CheckpointSaved(_logger, item.StreamId, checkpoint.Cursor);
    }

    private async IAsyncEnumerable<StreamItem> ReadItemsAsync(
        ExtractContext context,
        StreamSelection selection,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var streamId in StreamIds.Fixed)
        {
            if (!selection.Includes(streamId))
            {
                continue;
            }

            context.Tracker.StartStream(streamId);
            Log.StreamStarted(_logger, streamId);
            await foreach (var item in ReadFixedStreamAsync(context, streamId, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }

        var activityTypes = await SelectActivityTypesAsync(selection, cancellationToken).ConfigureAwait(false);
        if (activityTypes.Count == 0)
        {
            yield break;
        }

        foreach (var schema in activityTypes.Values)
        {
            context.Tracker.StartStream(schema.Name);
        }

        await foreach (var item in BulkStreams.ReadActivitiesAsync(context, activityTypes, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private IAsyncEnumerable<StreamItem> ReadFixedStreamAsync(ExtractContext context, string streamId, CancellationToken cancellationToken) =>
        streamId switch
        {
            StreamIds.ActivityTypes => RestStreams.ReadActivityTypesAsync(context, cancellationToken),
            StreamIds.Campaigns => RestStreams.ReadClientFilteredAsync(
                context, streamId, _client.GetCampaignsAsync, RestStreams.KeyOf, cancellationToken),
            StreamIds.Lists => RestStreams.ReadClientFilteredAsync(
                context, streamId, _client.GetStaticListsAsync, RestStreams.KeyOf, cancellationToken),
            StreamIds.Programs => RestStreams.ReadProgramsAsync(context, cancellationToken),
            StreamIds.DeletedLeads => RestStreams.ReadDeletedLeadsAsync(context, cancellationToken),
            StreamIds.Leads => BulkStreams.ReadLeadsAsync(context, cancellationToken),
            _ => throw new InvalidOperationException($"Stream '{streamId}' has no reader."),
        };

    private async Task<IReadOnlyDictionary<int, RecordSchema>> SelectActivityTypesAsync(
        StreamSelection selection,
        CancellationToken cancellationToken)
    {
        if (!selection.IncludesAnyActivities)
        {
            return new Dictionary<int, RecordSchema>();
        }

        var types = await _client.GetActivityTypesAsync(cancellationToken).ConfigureAwait(false);
        var schemas = BulkStreams.DescribeActivities(types, _options.ActivityAttributes);
        selection.CheckActivityStreamsExist(schemas.Values.Select(schema => schema.Name));
        return schemas.Where(pair => selection.Includes(pair.Value.Name)).ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    private ExtractRun StartRun(IProgress<ExtractProgress>? progress)
    {
        var tracker = new ExtractTracker(progress);
        var context = new ExtractContext
        {
            Client = _client,
            States = new RunStateStore(_cursorStore),
            Options = _options,
            TimeProvider = _timeProvider,
            Logger = _logger,
            Tracker = tracker,
        };
        return new ExtractRun(context, _timeProvider.GetTimestamp(), _client.Statistics.ApiCalls, _client.Statistics.BytesDownloaded);
    }

    private sealed record ExtractRun(ExtractContext Context, long StartTimestamp, long StartApiCalls, long StartBytes)
    {
        public ExtractSummary Finish()
        {
            Context.States.Dispose();
            var statistics = Context.Client.Statistics;
            return new ExtractSummary
            {
                RecordsPerStream = Context.Tracker.RecordsPerStream,
                ApiCalls = statistics.ApiCalls - StartApiCalls,
                ExportJobsCreated = Context.Tracker.ExportJobsCreated,
                ExportJobsResumed = Context.Tracker.ExportJobsResumed,
                BytesDownloaded = statistics.BytesDownloaded - StartBytes,
                Elapsed = Context.TimeProvider.GetElapsedTime(StartTimestamp),
            };
        }
    }
}
