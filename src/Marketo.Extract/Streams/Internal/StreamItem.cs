namespace Marketo.Extract.Streams.Internal;

/// <summary>
/// What a stream reader yields: a record for the consumer, or a checkpoint that covers every record yielded before
/// it. The extractor saves a checkpoint only once the consumer asks for what comes after it.
/// </summary>
internal readonly struct StreamItem
{
    private StreamItem(ExtractedRecord? record, string? streamId, StreamCheckpoint? checkpoint)
    {
        Record = record;
        StreamId = streamId ?? record!.StreamId;
        Checkpoint = checkpoint;
    }

    public ExtractedRecord? Record { get; }

    public string StreamId { get; }

    public StreamCheckpoint? Checkpoint { get; }

    public static StreamItem Of(ExtractedRecord record) => new(record, null, null);

    public static StreamItem CheckpointOf(string streamId, StreamCheckpoint checkpoint) => new(null, streamId, checkpoint);
}
