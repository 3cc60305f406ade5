using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Streams.Internal;

/// <summary>The log messages of the streams layer.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, EventName = "StreamStarted", Level = LogLevel.Information,
        Message = "Reading stream {StreamId}")]
    public static partial void StreamStarted(ILogger logger, string streamId);

    [LoggerMessage(EventId = 5002, EventName = "CheckpointSaved", Level = LogLevel.Debug,
        Message = "Saved the checkpoint of stream {StreamId} at cursor {Cursor:O}")]
    public static partial void CheckpointSaved(ILogger logger, string streamId, DateTimeOffset? cursor);

    [LoggerMessage(EventId = 5003, EventName = "LeadsFilterFallback", Level = LogLevel.Warning,
        Message = "This Marketo subscription does not support the lead updatedAt export filter (code 1035); " +
            "exporting leads by createdAt from now on, so updates to leads created before the cursor are missed")]
    public static partial void LeadsFilterFallback(ILogger logger);

    [LoggerMessage(EventId = 5004, EventName = "WindowFinished", Level = LogLevel.Information,
        Message = "Stream {StreamId} finished the window {WindowStart:O} to {WindowEnd:O}")]
    public static partial void WindowFinished(ILogger logger, string streamId, DateTimeOffset windowStart, DateTimeOffset windowEnd);
}
