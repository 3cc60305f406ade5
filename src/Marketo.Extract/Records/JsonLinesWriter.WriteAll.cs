using System.Threading.Channels;

namespace Marketo.Extract.Records;

public sealed partial class JsonLinesWriter
{
    /// <summary>The number of records handed from the reading task to the writer at a time.</summary>
    private const int BatchSize = 256;

    /// <summary>The maximum number of batches read ahead of the writer, which bounds the records held in memory.</summary>
    private const int BatchesAhead = 4;

    /// <summary>
    /// Writes every record of a sequence as a line, reading the sequence on another thread while lines are written.
    /// </summary>
    /// <param name="records">
    /// The records, for example from <see cref="ExportCsvDecoder.ReadLeadsAsync"/>. They are enumerated once, on a
    /// thread-pool thread.
    /// </param>
    /// <param name="cancellationToken">The token that cancels the reading and the writing.</param>
    /// <returns>The number of records written by this call, including those still buffered.</returns>
    /// <remarks>
    /// <para>A task enumerates <paramref name="records"/> and hands them over in batches of 256, at most 4 batches
    /// ahead of the writer, so decoding and JSON output run on two cores at once and the order of the lines is the
    /// order of the sequence. With only one core free it can only add the cost of handing records over, compared with
    /// a loop of <see cref="WriteAsync"/>.</para>
    /// <para>When the sequence throws, the records before the failure are written and its exception is rethrown.
    /// When a record fails to write, the enumeration is cancelled and the exception is rethrown, with no partial
    /// line. As with <see cref="WriteAsync"/>, call <see cref="FlushAsync"/> or dispose the writer to write the
    /// lines still buffered.</para>
    /// </remarks>
    /// <exception cref="NotSupportedException">A value has no JSON form; that record was not written.</exception>
    /// <exception cref="ArgumentException">A double is NaN or infinite; that record was not written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<long> WriteAllAsync(
        IAsyncEnumerable<MarketoRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ObjectDisposedException.ThrowIf(_disposed, this);

        var batches = Channel.CreateBounded<MarketoRecord[]>(
            new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(
            () => ReadBatchesAsync(records, batches.Writer, stopReading.Token), CancellationToken.None);
        var startCount = RecordsWritten;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in batch)
                {
                    await WriteAsync(record, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Stops the reading task when the writing failed or was cancelled, and waits for it either way, so no
            // enumeration outlives this call.
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return RecordsWritten - startCount;
    }

    /// <summary>Enumerates the records into batches, and completes the channel with the sequence's exception.</summary>
    private static async Task ReadBatchesAsync(
        IAsyncEnumerable<MarketoRecord> records, ChannelWriter<MarketoRecord[]> batches, CancellationToken cancellationToken)
    {
        var batch = new MarketoRecord[BatchSize];
        var count = 0;
        Exception? failure = null;
        try
        {
            await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch[count++] = record;
                if (count == BatchSize)
                {
                    await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new MarketoRecord[BatchSize];
                    count = 0;
                }
            }
        }
#pragma warning disable CA1031 // Not swallowed: the writer receives it when it reads the completed channel.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception;
        }

        try
        {
            // The records read before a failure of the sequence are written too, as a loop of WriteAsync would.
            if (count > 0 && !cancellationToken.IsCancellationRequested)
            {
                await batches.WriteAsync(batch[..count], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            failure ??= exception;
        }
        finally
        {
            batches.TryComplete(failure);
        }
    }
}
