using System.Text.Json;
using Marketo.Extract.Records;
using Marketo.Extract.Streams.Internal;

namespace Marketo.Extract.Streams;

/// <summary>One record of one stream, as delivered by <see cref="MarketoExtractor.ReadAsync"/>.</summary>
public sealed class ExtractedRecord
{
    /// <summary>Initializes a new instance of the <see cref="ExtractedRecord"/> class.</summary>
    /// <param name="streamId">The id of the stream the record belongs to.</param>
    /// <param name="value">
    /// The record: an <see cref="Models.ActivityType"/>, <see cref="Models.Campaign"/>, <see cref="Models.StaticList"/>,
    /// <see cref="Models.MarketoProgram"/> or <see cref="Models.LeadActivity"/> for the REST streams, a
    /// <see cref="MarketoRecord"/> for leads and activities.
    /// </param>
    public ExtractedRecord(string streamId, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(value);
        StreamId = streamId;
        Value = value;
    }

    /// <summary>Gets the id of the stream the record belongs to.</summary>
    public string StreamId { get; }

    /// <summary>Gets the record itself; see the constructor for the types by stream.</summary>
    public object Value { get; }

    /// <summary>Writes the record as one JSON object.</summary>
    /// <param name="writer">The writer to write to.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Value is MarketoRecord record)
        {
            record.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, Value, OutputJsonContext.Default.GetTypeInfo(Value.GetType())!);
    }
}
