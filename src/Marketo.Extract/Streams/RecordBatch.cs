namespace Marketo.Extract.Streams;

/// <summary>
/// Consecutive records of one stream and, when the batch ends at one, the checkpoint that covers them.
/// </summary>
/// <remarks>
/// The extractor saves <see cref="Checkpoint"/> through its <see cref="ICursorStore"/> when the consumer asks for the
/// next batch. A host that commits records and state in one transaction can instead store <see cref="Checkpoint"/>
/// itself, with a cursor store whose saves do nothing.
/// </remarks>
public sealed record RecordBatch
{
    /// <summary>Gets the id of the stream the records belong to.</summary>
    public required string StreamId { get; init; }

    /// <summary>Gets the records, oldest first where the stream has an order; possibly none when only a checkpoint moved.</summary>
    public required IReadOnlyList<ExtractedRecord> Records { get; init; }

    /// <summary>
    /// Gets the stream state that covers these records and every earlier one, or <see langword="null"/> when the batch
    /// ends before a checkpoint (it was full).
    /// </summary>
    public StreamState? Checkpoint { get; init; }
}
