using System.IO.Compression;
using System.Text;
using Marketo.Extract.Testing.Internal.Api;
using Marketo.Extract.Testing.Internal.Bulk;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Marketo.Extract.Testing.Internal;

/// <summary>
/// The request pipeline shared by the in-process and the Kestrel host: size limits, method override, identity,
/// token check, faults, concurrency, rate and quota limits, dispatch, then gzip and the response.
/// </summary>
internal sealed class EmulatorApplication
{
    private const int MaxUriBytes = 8192;
    private const int MaxBodyBytes = 1024 * 1024;
    private const int GzipThreshold = 1024;

    // Marketo counts neither these codes against the rate limit nor against the daily quota.
    private static readonly HashSet<string> UncountedCodes = ["601", "602", "604", "605", "608", "611"];

    private readonly MarketoEmulatorOptions _options;
    private readonly TokenService _tokens;
    private readonly CallLimiter _limiter;
    private readonly EmulatorFaults _faults;
    private readonly EmulatorStatistics _statistics;
    private readonly LeadDatabaseHandlers _leadDatabase;
    private readonly AssetHandlers _assets;
    private readonly BulkHandlers _bulk;
    private readonly ILogger _logger;
    private long _requestSequence;

    public EmulatorApplication(
        MarketoEmulatorOptions options, EmulatedDataset dataset, TokenService tokens, CallLimiter limiter, ExportEngine exports,
        EmulatorFaults faults, EmulatorStatistics statistics, ILogger logger)
    {
        _options = options;
        _tokens = tokens;
        _limiter = limiter;
        _faults = faults;
        _statistics = statistics;
        _leadDatabase = new LeadDatabaseHandlers(dataset, limiter);
        _assets = new AssetHandlers(dataset);
        _bulk = new BulkHandlers(exports, dataset, options);
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var route = Route.Find(http.Request.Path.Value ?? "");
        _statistics.RecordCall(route.Endpoint);
        string target = http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent();
        if (Encoding.UTF8.GetByteCount(target) > MaxUriBytes)
        {
            await SendAsync(http, route, ApiResponse.Text(414, "Request-URI Too Long"), FaultDecision.None).ConfigureAwait(false);
            return;
        }

        byte[]? body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            await SendAsync(http, route, ApiResponse.Text(413, "Request Entity Too Large"), FaultDecision.None).ConfigureAwait(false);
            return;
        }

        var request = Parse(http, route, body);
        if (route.Endpoint == EmulatorEndpoints.Identity)
        {
            var (identityResponse, identityFault) = await IdentityAsync(request).ConfigureAwait(false);
            await SendAsync(http, route, identityResponse, identityFault).ConfigureAwait(false);
            return;
        }

        int inFlight = _statistics.EnterCall();
        try
        {
            var (response, fault) = await ServeAsync(request, inFlight).ConfigureAwait(false);
            await SendAsync(http, route, response, fault).ConfigureAwait(false);
        }
        catch when (request.Ticket is { } ticket)
        {
            // The error barrier returns 611 or aborts the connection, and Marketo counts neither against the limits.
            _limiter.Refund(ticket);
            throw;
        }
        finally
        {
            _statistics.ExitCall();
        }
    }

    private async Task<(ApiResponse, FaultDecision)> IdentityAsync(ApiRequest request)
    {
        var call = _faults.Describe(request.Method, request.Path, request.Endpoint, null);
        var fault = await ApplyFaultAsync(request, call).ConfigureAwait(false);
        return (FaultResponse(request, fault) ?? _tokens.Issue(request), fault);
    }

    private async Task<(ApiResponse, FaultDecision)> ServeAsync(ApiRequest request, int inFlight)
    {
        var (client, failure) = _tokens.Authenticate(request);
        if (failure is not null)
        {
            return (failure, FaultDecision.None);
        }

        request.Client = client;
        var call = _faults.Describe(request.Method, request.Path, request.Endpoint, client!.ClientId);
        var fault = await ApplyFaultAsync(request, call).ConfigureAwait(false);
        if (FaultResponse(request, fault) is { } injected)
        {
            return (injected, fault);
        }

        if (inFlight > _options.MaxConcurrentCalls)
        {
            return (ApiResponse.Error(request.RequestId, "615"), fault);
        }

        // EMULATOR CHOICE: calls rejected with 606, 607 or 615 are not counted, so a throttled client recovers.
        var (ticket, limitCode) = _limiter.TryAdmit(request.Now, client.ApiUser);
        if (ticket is null)
        {
            string? message = limitCode == "606" ? ErrorMessages.RateLimit(_options.RateLimitCalls, _options.RateLimitWindow) : null;
            return (ApiResponse.Error(request.RequestId, limitCode!, message), fault);
        }

        request.Ticket = ticket;
        var response = Dispatch(request);
        if (response.ErrorCode is { } code && UncountedCodes.Contains(code))
        {
            _limiter.Refund(ticket);
            request.Ticket = null;
        }

        return (response, fault);
    }

    private async Task<FaultDecision> ApplyFaultAsync(ApiRequest request, EmulatorCall call)
    {
        var fault = _faults.Evaluate(call, request.Route.IsFile);
        if (fault.IsNone)
        {
            return fault;
        }

        Log.FaultInjected(_logger, call.Method, call.Endpoint, call.CallNumber, fault);
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, _options.TimeProvider, request.Http.RequestAborted).ConfigureAwait(false);
            request.Now = _options.TimeProvider.GetUtcNow();
        }

        return fault;
    }

    private static ApiResponse? FaultResponse(ApiRequest request, FaultDecision fault)
    {
        if (fault.HttpStatusCode is { } status)
        {
            return ApiResponse.Text(status, ReasonPhrases.GetReasonPhrase(status));
        }

        return fault.ErrorCode is { } code ? ApiResponse.Error(request.RequestId, code, fault.ErrorMessage) : null;
    }

    private ApiResponse Dispatch(ApiRequest request)
    {
        if (request.Endpoint == EmulatorEndpoints.Unknown)
        {
            return ApiResponse.Error(request.RequestId, "610");
        }

        if (!string.Equals(request.Method, request.Route.AllowedMethod, StringComparison.OrdinalIgnoreCase))
        {
            return ApiResponse.Error(request.RequestId, "605", $"Request method '{request.Method}' not supported");
        }

        if (request.Route.IsBulk)
        {
            return _bulk.Handle(request);
        }

        return request.Endpoint == EmulatorEndpoints.Programs ? _assets.Programs(request) : _leadDatabase.Handle(request);
    }

    private ApiRequest Parse(HttpContext http, Route route, byte[] body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Request.Query)
        {
            parameters[name] = values.ToString();
        }

        bool isForm = http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (isForm && body.Length > 0)
        {
            foreach (var (name, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                parameters.TryAdd(name, values.ToString());
            }
        }

        // A long GET is sent as POST ?_method=GET with the query in a form body. HEAD is served as GET, and the
        // body is left out when the response is sent, so its headers match those of the GET.
        string method = http.Request.Method;
        if ((HttpMethods.IsPost(method) && string.Equals(http.Request.Query["_method"], "GET", StringComparison.OrdinalIgnoreCase)) ||
            HttpMethods.IsHead(method))
        {
            method = HttpMethods.Get;
        }

        var now = _options.TimeProvider.GetUtcNow();
        return new ApiRequest
        {
            Http = http,
            Method = method,
            Path = http.Request.Path.Value ?? "",
            Route = route,
            Parameters = parameters,
            Body = body,
            Now = now,
            RequestId = NextRequestId(now),
        };
    }

    /// <summary>Returns a new Marketo-style request id, <c>hex#hex</c>: a sequence number and the time in milliseconds.</summary>
    public string NextRequestId(DateTimeOffset now)
    {
        long sequence = Interlocked.Increment(ref _requestSequence);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sequence:x}#{now.ToUnixTimeMilliseconds():x}");
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task SendAsync(HttpContext http, Route route, ApiResponse response, FaultDecision fault)
    {
        _statistics.RecordResponse(response.StatusCode, response.ErrorCode);
        Log.RequestServed(_logger, http.Request.Method, route.Endpoint, response.StatusCode, response.ErrorCode);
        http.Response.StatusCode = response.StatusCode;
        http.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            http.Response.Headers[name] = value;
        }

        byte[] body = response.Body;
        if (!route.IsBulk && body.Length >= GzipThreshold && AcceptsGzip(http.Request))
        {
            body = Gzip(body);
            http.Response.Headers.ContentEncoding = "gzip";
            http.Response.Headers.Vary = "Accept-Encoding";
        }

        http.Response.ContentLength = body.Length;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        int length = fault.DropAfterBytes is { } cut && cut < body.Length ? (int)cut : body.Length;
        await http.Response.Body.WriteAsync(body.AsMemory(0, length), http.RequestAborted).ConfigureAwait(false);
        if (response.IsExportFile)
        {
            _statistics.RecordBytesExported(length);
        }

        if (length < body.Length)
        {
            // The announced Content-Length is never reached: the client sees the connection drop mid-body.
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            http.Abort();
        }
    }

    // RFC 9110 section 12.5.3: q=0 rules a coding out, and an explicit gzip entry overrides a * entry.
    private static bool AcceptsGzip(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings))
        {
            return false;
        }

        var gzip = codings.FirstOrDefault(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase));
        var chosen = gzip ?? codings.FirstOrDefault(c => c.Value.Equals("*", StringComparison.Ordinal));
        return chosen is not null && (chosen.Quality ?? 1) > 0;
    }

    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }
}
