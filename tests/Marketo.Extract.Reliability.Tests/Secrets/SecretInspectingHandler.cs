using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Reliability.Tests.Secrets;

/// <summary>
/// Sits between the client and the emulator, learns every access token from the identity responses, and records
/// each place a secret travels other than where it belongs: the client secret only in the identity POST body,
/// the token only in <c>Authorization: Bearer</c>.
/// </summary>
internal sealed class SecretInspectingHandler(string clientSecret) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Violations { get; } = new();

    public IReadOnlyCollection<string> Tokens => [.. _tokens.Keys];

    public int RequestsSeen { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestsSeen++;
        var url = request.RequestUri!.ToString();
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var isIdentity = request.RequestUri.AbsolutePath == EmulatorEndpoints.Identity;
        Check(url.Contains(clientSecret, StringComparison.Ordinal), $"client secret in the URL {request.Method} {request.RequestUri.AbsolutePath}");
        Check(!isIdentity && body.Contains(clientSecret, StringComparison.Ordinal), $"client secret in the body of {request.RequestUri.AbsolutePath}");
        Check(isIdentity && request.Method != HttpMethod.Post, "identity call is not a POST");
        foreach (var token in _tokens.Keys)
        {
            Check(url.Contains(token, StringComparison.Ordinal), $"token in the URL of {request.RequestUri.AbsolutePath}");
            Check(body.Contains(token, StringComparison.Ordinal), $"token in the body of {request.RequestUri.AbsolutePath}");
            var otherHeaders = request.Headers.Where(h => h.Key != "Authorization").SelectMany(h => h.Value);
            Check(otherHeaders.Any(value => value.Contains(token, StringComparison.Ordinal)), "token in a header other than Authorization");
        }

        Check(!isIdentity && request.Headers.Authorization is not { Scheme: "Bearer" }, $"no bearer token on {request.RequestUri.AbsolutePath}");
        var response = await base.SendAsync(request, cancellationToken);
        if (isIdentity && response.IsSuccessStatusCode)
        {
            await LearnTokenAsync(response, cancellationToken);
        }

        return response;
    }

    private async Task LearnTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        using (var document = JsonDocument.Parse(bytes))
        {
            _tokens.TryAdd(document.RootElement.GetProperty("access_token").GetString()!, true);
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = response.Content.Headers.ContentType ?? new MediaTypeHeaderValue("application/json");
        response.Content = content;
    }

    private void Check(bool violated, string what)
    {
        if (violated)
        {
            Violations.Enqueue(what);
        }
    }
}
