using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>The identity service and the token check every other call goes through.</summary>
internal sealed class TokenService
{
    private readonly object _lock = new();
    private readonly MarketoEmulatorOptions _options;
    private readonly Dictionary<string, EmulatorClientCredentials> _clients;
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _currentByClient = new(StringComparer.Ordinal);
    private int? _callsBeforeExpiry;

    public TokenService(MarketoEmulatorOptions options)
    {
        _options = options;
        _clients = options.AdditionalClients
            .Prepend(new EmulatorClientCredentials(options.ClientId, options.ClientSecret, options.ApiUser))
            .ToDictionary(c => c.ClientId, StringComparer.Ordinal);
    }

    /// <summary>Serves <c>/identity/oauth/token</c>: the same token while it is valid, with a falling <c>expires_in</c>.</summary>
    public ApiResponse Issue(ApiRequest request)
    {
        // EMULATOR CHOICE: Marketo documents identity for GET and POST only, and not its response to other methods.
        // This returns HTTP 405 with an OAuth-style body, as the other identity errors have.
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            return IdentityError(405, "invalid_request", $"HTTP method {request.Method} is not supported; use GET or POST", allow: "GET, POST");
        }

        if (request.Parameter("grant_type") != "client_credentials")
        {
            return IdentityError(400, "invalid_request", "Missing or unsupported grant_type; send grant_type=client_credentials");
        }

        string? clientId = request.Parameter("client_id");
        if (clientId is null || !_clients.TryGetValue(clientId, out var client) ||
            !string.Equals(client.ClientSecret, request.Parameter("client_secret"), StringComparison.Ordinal))
        {
            return IdentityError(401, "invalid_client", "Bad client credentials");
        }

        var token = CurrentOrNew(client, request.Now);

        // A fresh token reports one second less than its lifetime, as Marketo's examples show (3599).
        long expiresIn = Math.Max(0, (long)Math.Ceiling((token.ExpiresAt - request.Now).TotalSeconds) - 1);
        return IdentityResponse(200, new JsonObject
        {
            ["access_token"] = token.Value,
            ["token_type"] = "bearer",
            ["expires_in"] = expiresIn,
            ["scope"] = client.ApiUser,
        });
    }

    /// <summary>Checks the caller's token; returns the caller, or the 600/601/602 envelope to send.</summary>
    public (EmulatorClientCredentials? Client, ApiResponse? Failure) Authenticate(ApiRequest request)
    {
        string? queryToken = request.Parameter("access_token");
        if (queryToken is not null && _options.RejectAccessTokenQueryParameter)
        {
            return (null, ApiResponse.Error(request.RequestId, "601",
                "Access token invalid: the access_token query parameter is no longer accepted; send the token in the Authorization: Bearer header"));
        }

        string? value = BearerToken(request) ?? queryToken;
        if (string.IsNullOrEmpty(value))
        {
            string code = _options.MissingTokenErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (null, ApiResponse.Error(request.RequestId, code));
        }

        lock (_lock)
        {
            if (!_tokens.TryGetValue(value, out var token))
            {
                return (null, ApiResponse.Error(request.RequestId, "601"));
            }

            CountTowardsScriptedExpiry(request.Now);
            if (request.Now >= token.ExpiresAt)
            {
                // The first use after expiry reports 602; Marketo reports later uses of the same string as 601.
                bool firstUse = !token.ExpiryReported;
                token.ExpiryReported = true;
                return (null, ApiResponse.Error(request.RequestId, firstUse ? "602" : "601"));
            }

            return (token.Client, null);
        }
    }

    public void ExpireAll(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var token in _tokens.Values.Where(t => t.ExpiresAt > now))
            {
                token.ExpiresAt = now;
            }
        }
    }

    public void ExpireAfter(int? calls)
    {
        lock (_lock)
        {
            _callsBeforeExpiry = calls;
        }
    }

    private void CountTowardsScriptedExpiry(DateTimeOffset now)
    {
        if (_callsBeforeExpiry is not { } remaining)
        {
            return;
        }

        if (remaining == 0)
        {
            _callsBeforeExpiry = null;
            ExpireAll(now);
        }
        else
        {
            _callsBeforeExpiry = remaining - 1;
        }
    }

    private IssuedToken CurrentOrNew(EmulatorClientCredentials client, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_currentByClient.TryGetValue(client.ClientId, out var current) && now < current.ExpiresAt)
            {
                return current;
            }

            var token = new IssuedToken($"{Guid.NewGuid()}:em", client, now + _options.TokenLifetime);
            _tokens[token.Value] = token;
            _currentByClient[client.ClientId] = token;
            return token;
        }
    }

    private static string? BearerToken(ApiRequest request)
    {
        string? header = request.Http.Request.Headers.Authorization;
        const string Scheme = "Bearer ";
        return header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;
    }

    private static ApiResponse IdentityError(int statusCode, string error, string description, string? allow = null) =>
        IdentityResponse(statusCode, new JsonObject { ["error"] = error, ["error_description"] = description }, allow);

    // RFC 6749 section 5.1 requires Cache-Control: no-store and Pragma: no-cache on a response that carries a token.
    private static ApiResponse IdentityResponse(int statusCode, JsonObject body, string? allow = null)
    {
        var json = ApiResponse.Json(body, statusCode);
        var headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store", ["Pragma"] = "no-cache" };
        if (allow is not null)
        {
            headers["Allow"] = allow;
        }

        return new ApiResponse { StatusCode = statusCode, ContentType = json.ContentType, Body = json.Body, Headers = headers };
    }

    private sealed class IssuedToken(string value, EmulatorClientCredentials client, DateTimeOffset expiresAt)
    {
        public string Value { get; } = value;

        public EmulatorClientCredentials Client { get; } = client;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public bool ExpiryReported { get; set; }
    }
}
