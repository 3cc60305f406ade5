using System.Net.Http.Headers;
using Marketo.Extract.Internal.Json;
using Microsoft.Extensions.Logging;
using Polly;

namespace Marketo.Extract.Internal;

/// <summary>
/// Sends calls to Marketo: the token, the throttle, one timeout per attempt, and the retry pipeline around it all.
/// </summary>
internal sealed partial class MarketoTransport
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly StringWithQualityHeaderValue Gzip = new("gzip");

    private readonly HttpClient _http;
    private readonly MarketoClientState _state;

    public MarketoTransport(HttpClient http, MarketoClientState state)
    {
        _http = http;
        _state = state;
    }

    /// <summary>Sends a JSON call and returns its envelope.</summary>
    /// <exception cref="MarketoException">The call failed after the retries it was allowed.</exception>
    public async Task<MarketoEnvelope<T>> SendAsync<T>(MarketoRequest request, CancellationToken cancellationToken)
    {
        var call = new MarketoCall(request);
        using var response = await ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(call, response);
        return (MarketoEnvelope<T>)response.Envelope!;
    }

    /// <summary>Runs a call through the retry pipeline and returns its last outcome, failed or not.</summary>
    public async Task<MarketoResponse> ExecuteAsync(MarketoCall call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MarketoRetryPipeline.CallKey, call);
        try
        {
            return await _state.Pipeline.ExecuteAsync(
                static (context, state) => state.Transport.AttemptAsync(state.Call, context.CancellationToken),
                context,
                (Transport: this, Call: call)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Throws the exception that matches the failure of a finished call, if it failed.</summary>
    public void ThrowIfFailed(MarketoCall call, MarketoResponse response)
    {
        if (response.Failure is { } failure)
        {
            throw MarketoExceptionFactory.Create(_state, call, failure);
        }
    }

    /// <summary>Makes one attempt, sending the call a second time with a new token if Marketo rejects the first.</summary>
    private async ValueTask<MarketoResponse> AttemptAsync(MarketoCall call, CancellationToken cancellationToken)
    {
        call.Attempts++;
        for (var tokenTry = 1; ; tokenTry++)
        {
            string token;
            try
            {
                token = await _state.Tokens.GetTokenAsync(_http, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
            {
                return MarketoResponse.FromFailure(MarketoFailure.FromIdentityUnavailable(exception));
            }

            var response = await SendOnceAsync(call.Request, token, cancellationToken).ConfigureAwait(false);
            if (tokenTry == 1
                && response.Failure is { Kind: MarketoFailureKind.Envelope, ErrorCode: var code }
                && MarketoErrorCodes.IsAuthenticationFailure(code))
            {
                ClientLog.AccessTokenRejected(_state.Logger, code!, call.Request.Description);
                _state.Tokens.Invalidate(token);
                response.Dispose();
                continue;
            }

            return response;
        }
    }

    private async Task<MarketoResponse> SendOnceAsync(MarketoRequest request, string token, CancellationToken cancellationToken)
    {
        using var lease = await _state.Throttle.AcquireAsync(request.Description, cancellationToken).ConfigureAwait(false);
        using var attempt = new AttemptTimeout(_state.Options.RequestTimeout, _state.Time, cancellationToken);
        using var message = CreateMessage(request, token);
        _state.Statistics.AddApiCall();
        var started = _state.Time.GetTimestamp();
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attempt.Token)
                .ConfigureAwait(false);
            if (_state.Logger.IsEnabled(LogLevel.Trace))
            {
                var elapsed = _state.Time.GetElapsedTime(started).TotalMilliseconds;
                ClientLog.CallCompleted(_state.Logger, request.Description, (int)response.StatusCode, elapsed);
            }

            var outcome = request.IsFileDownload
                ? await ReadFileResponseAsync(response, attempt.Token).ConfigureAwait(false)
                : await ReadJsonResponseAsync(request, response, attempt.Token).ConfigureAwait(false);
            if (outcome.File is not null)
            {
                response = null;
            }

            return outcome;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidDataException)
        {
            return MarketoResponse.FromFailure(MarketoFailure.FromTransport(exception));
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var timeout = attempt.CreateTimeoutException(request.Description, exception);
            return MarketoResponse.FromFailure(MarketoFailure.FromTimeout(timeout));
        }
        finally
        {
            response?.Dispose();
        }
    }

    private HttpRequestMessage CreateMessage(MarketoRequest request, string token)
    {
        var message = new HttpRequestMessage(request.Method, _state.Endpoint.Build(request.Path, request.Query));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.IsFileDownload)
        {
            // Bulk files are never compressed, and a Range counts bytes of the file as stored.
            if (request.RangeOffset > 0)
            {
                message.Headers.Range = new RangeHeaderValue(request.RangeOffset, null);
            }
        }
        else
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            message.Headers.AcceptEncoding.Add(Gzip);
        }

        if (request.JsonBody is { } body)
        {
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        }

        return message;
    }
}
