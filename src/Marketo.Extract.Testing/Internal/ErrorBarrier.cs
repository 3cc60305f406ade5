using Marketo.Extract.Testing.Internal.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Testing.Internal;

/// <summary>
/// The outermost middleware of both hosts. An exception that escapes the emulator becomes Marketo's
/// 611 "System error" envelope with HTTP 200, as Marketo reports any unhandled failure, instead of a bare
/// HTTP 500; once the response has started, the connection is aborted, so the client sees a cut body.
/// </summary>
internal sealed class ErrorBarrier
{
    private readonly Func<DateTimeOffset, string> _nextRequestId;
    private readonly EmulatorStatistics _statistics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ErrorBarrier(Func<DateTimeOffset, string> nextRequestId, EmulatorStatistics statistics, TimeProvider time, ILogger logger)
    {
        _nextRequestId = nextRequestId;
        _statistics = statistics;
        _time = time;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
#pragma warning disable CA1031 // A barrier exists to catch every exception that nothing else handled.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await HandleAsync(http, exception).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext http, Exception exception)
    {
        string method = http.Request.Method;
        string path = http.Request.Path.Value ?? "";
        if (http.Response.HasStarted)
        {
            Log.UnhandledExceptionAfterResponseStarted(_logger, method, path, exception);
            http.Abort();
            return;
        }

        string requestId = _nextRequestId(_time.GetUtcNow());
        Log.UnhandledException(_logger, method, path, requestId, exception);
        var response = ApiResponse.Error(requestId, "611");
        _statistics.RecordResponse(response.StatusCode, response.ErrorCode);
        http.Response.Clear();
        http.Response.StatusCode = response.StatusCode;
        http.Response.ContentType = response.ContentType;
        http.Response.ContentLength = response.Body.Length;
        await http.Response.Body.WriteAsync(response.Body, http.RequestAborted).ConfigureAwait(false);
    }
}
