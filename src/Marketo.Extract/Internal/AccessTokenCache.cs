using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Marketo.Extract.Internal.Json;

namespace Marketo.Extract.Internal;

/// <summary>
/// Caches the client-credentials access token with its absolute expiry and renews it ahead of time, one refresh at
/// a time however many calls are in flight.
/// </summary>
/// <remarks>
/// Marketo's identity service hands back the live token, with its remaining lifetime, until that token expires. A
/// token that comes back with less than the refresh margin left is therefore used until it expires rather than
/// requested again and again. A token that Marketo has just rejected, or one that comes back already expired, is
/// waited out before identity is asked again, because only then does it mint a new one.
/// </remarks>
internal sealed class AccessTokenCache : IDisposable
{
    /// <summary>The longest wait for a rejected token to expire before the rejection is reported instead.</summary>
    private static readonly TimeSpan MaxStaleTokenWait = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan ExpiryGrace = TimeSpan.FromSeconds(1);

    private const int MaxStaleTokenRounds = 3;

    private readonly MarketoClientState _state;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly object _sync = new();
    private volatile CachedToken? _current;
    private volatile ExceptionDispatchInfo? _lastFailure;
    private volatile string? _rejectedToken;
    private long _refreshCount;

    public AccessTokenCache(MarketoClientState state)
    {
        _state = state;
    }

    /// <summary>Returns a token that is not due for renewal, requesting one from the identity service if needed.</summary>
    /// <exception cref="MarketoAuthenticationException">The identity service rejected the credentials.</exception>
    /// <exception cref="HttpRequestException">The identity service could not be reached or failed transiently.</exception>
    /// <exception cref="TimeoutException">The identity call timed out.</exception>
    public async ValueTask<string> GetTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (TryGetUsable(_current, renewing: true, out var token))
        {
            return token;
        }

        var refreshesSeen = Interlocked.Read(ref _refreshCount);
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Read(ref _refreshCount) != refreshesSeen)
            {
                // Another caller refreshed while this one waited: share its outcome, failure included.
                _lastFailure?.Throw();
                if (TryGetUsable(_current, renewing: false, out token))
                {
                    return token;
                }
            }
            else if (TryGetUsable(_current, renewing: true, out token))
            {
                return token;
            }

            return await RefreshAsync(http, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>Forgets a token that Marketo rejected with 601 or 602, so that the next call requests a new one.</summary>
    public void Invalidate(string rejectedToken)
    {
        lock (_sync)
        {
            if (_current?.Token == rejectedToken)
            {
                _current = null;
                _rejectedToken = rejectedToken;
            }
        }
    }

    public void Dispose() => _refreshLock.Dispose();

    private bool TryGetUsable(CachedToken? cached, bool renewing, [NotNullWhen(true)] out string? token)
    {
        var now = _state.Time.GetUtcNow();
        token = cached?.Token;
        return cached is not null && now < (renewing ? cached.RenewAt : cached.ExpiresAt);
    }

    private async ValueTask<string> RefreshAsync(HttpClient http, CancellationToken cancellationToken)
    {
        _lastFailure = null;
        try
        {
            for (var round = 1; ; round++)
            {
                var (token, expiresIn) = await RequestTokenAsync(http, cancellationToken).ConfigureAwait(false);
                var now = _state.Time.GetUtcNow();
                var expiresAt = now + expiresIn;
                var stale = expiresIn <= TimeSpan.Zero || token == _rejectedToken;
                if (!stale)
                {
                    return Store(token, expiresAt, expiresIn);
                }

                var wait = (expiresIn > TimeSpan.Zero ? expiresIn : TimeSpan.Zero) + ExpiryGrace;
                if (round >= MaxStaleTokenRounds || wait > MaxStaleTokenWait)
                {
                    throw StaleTokenException(expiresIn);
                }

                ClientLog.WaitingForTokenExpiry(_state.Logger, wait);
                await Task.Delay(wait, _state.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _lastFailure = ExceptionDispatchInfo.Capture(exception);
            throw;
        }
        finally
        {
            Interlocked.Increment(ref _refreshCount);
        }
    }

    private string Store(string token, DateTimeOffset expiresAt, TimeSpan expiresIn)
    {
        var margin = _state.Options.TokenRefreshMargin;
        var renewAt = expiresIn > margin ? expiresAt - margin : expiresAt;
        _state.Redactor.AddToken(token);
        lock (_sync)
        {
            _current = new CachedToken(token, expiresAt, renewAt);
            _rejectedToken = null;
        }

        ClientLog.AccessTokenAcquired(_state.Logger, expiresAt, renewAt);
        return token;
    }

    private async Task<(string Token, TimeSpan ExpiresIn)> RequestTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var attempt = new AttemptTimeout(_state.Options.RequestTimeout, _state.Time, cancellationToken);
        using var request = CreateTokenRequest();
        _state.Statistics.AddIdentityCall();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token)
                .ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
            return ReadTokenResponse(response, body);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw attempt.CreateTimeoutException("POST /identity/oauth/token", exception);
        }
    }

    private HttpRequestMessage CreateTokenRequest()
    {
        // The credentials travel in a form-encoded body, never in the query string, where proxies and logs keep them.
        var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", _state.Options.ClientId),
            new("client_secret", _state.Options.ClientSecret),
        ]);
        return new HttpRequestMessage(HttpMethod.Post, _state.Endpoint.IdentityTokenUri) { Content = form };
    }

    private (string Token, TimeSpan ExpiresIn) ReadTokenResponse(HttpResponseMessage response, byte[] body)
    {
        var status = response.StatusCode;
        var dto = TryReadTokenDto(body);
        if (response.IsSuccessStatusCode && dto is { AccessToken: { Length: > 0 } token, ExpiresIn: { } seconds })
        {
            return (token, TimeSpan.FromSeconds(seconds));
        }

        if (dto?.Error is not null || status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
        {
            throw CredentialsRejected(status, dto);
        }

        if (MarketoErrorCodes.IsTransientStatus(status))
        {
            throw new HttpRequestException(
                $"The Marketo identity service returned HTTP {(int)status} ({status}).", null, status);
        }

        var excerpt = _state.Redactor.Excerpt(body);
        throw new MarketoException(
            $"The Marketo identity service at POST /identity/oauth/token returned HTTP {(int)status} without an access " +
            $"token; body: '{excerpt}'. Check MarketoClientOptions.BaseAddress: it must be the REST endpoint from " +
            "Admin > Web Services.")
        {
            StatusCode = status,
        };
    }

    private MarketoAuthenticationException CredentialsRejected(HttpStatusCode status, IdentityTokenDto? dto)
    {
        var error = dto?.Error ?? "no error code";
        var description = dto?.ErrorDescription is { } text ? ": " + _state.Redactor.Redact(text) : string.Empty;
        ClientLog.IdentityRejected(_state.Logger, (int)status, error);
        return new MarketoAuthenticationException(
            $"The Marketo identity service rejected the client id or secret (HTTP {(int)status}, {error}{description}). " +
            "Check MarketoClientOptions.ClientId and ClientSecret against the LaunchPoint service in Admin > " +
            "Integration > LaunchPoint > View Details, and that the service and its API-only user are active.")
        {
            ErrorCode = dto?.Error,
            MarketoMessage = dto?.ErrorDescription is { } message ? _state.Redactor.Redact(message) : null,
            StatusCode = status,
        };
    }

    private static MarketoAuthenticationException StaleTokenException(TimeSpan expiresIn) =>
        new(
            "Marketo rejected the access token, and the identity service keeps returning the same token " +
            $"(expires_in {expiresIn.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s). Check that the clock of this machine is correct and that the " +
            "LaunchPoint service is active; the call can be retried once the token has expired.");

    private static IdentityTokenDto? TryReadTokenDto(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, MarketoJsonContext.Default.IdentityTokenDto);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresAt, DateTimeOffset RenewAt);
}
