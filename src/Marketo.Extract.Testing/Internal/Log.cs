using Marketo.Extract.Testing.Internal.Bulk;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Testing.Internal;

/// <summary>The emulator's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "RequestServed", Level = LogLevel.Debug,
        Message = "{Method} {Endpoint} -> HTTP {StatusCode} {ErrorCode}")]
    public static partial void RequestServed(ILogger logger, string method, string endpoint, int statusCode, string? errorCode);

    [LoggerMessage(EventId = 2, EventName = "ExportCreated", Level = LogLevel.Information,
        Message = "Export {ExportId} of {Kind} created for {ApiUser}")]
    public static partial void ExportCreated(ILogger logger, string exportId, ExportKind kind, string apiUser);

    [LoggerMessage(EventId = 3, EventName = "ExportStateChanged", Level = LogLevel.Information,
        Message = "Export {ExportId} is {State}")]
    public static partial void ExportStateChanged(ILogger logger, string exportId, ExportState state);

    [LoggerMessage(EventId = 4, EventName = "FaultInjected", Level = LogLevel.Information,
        Message = "Injected a fault into {Method} {Endpoint} (call {CallNumber}): {Fault}")]
    public static partial void FaultInjected(ILogger logger, string method, string endpoint, long callNumber, FaultDecision fault);

    [LoggerMessage(EventId = 5, EventName = "Listening", Level = LogLevel.Information,
        Message = "Marketo emulator listening on {BaseAddress}")]
    public static partial void Listening(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 6, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "{Method} {Path} failed with an unhandled exception; answered 611 System error (requestId {RequestId})")]
    public static partial void UnhandledException(ILogger logger, string method, string path, string requestId, Exception exception);

    [LoggerMessage(EventId = 7, EventName = "UnhandledExceptionAfterResponseStarted", Level = LogLevel.Error,
        Message = "{Method} {Path} failed with an unhandled exception after the response started; the connection was aborted")]
    public static partial void UnhandledExceptionAfterResponseStarted(ILogger logger, string method, string path, Exception exception);
}
