using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Marketo.Extract.Cli.Tests;

/// <summary>
/// Cancels a run when the <paramref name="occurrence"/>th request to a path ending in <paramref name="path"/> starts,
/// as a user pressing Ctrl+C mid-stream would.
/// </summary>
internal sealed class CancelOnRequestHandler(
    HttpMessageHandler inner,
    string path,
    CancellationTokenSource cancellation,
    int occurrence = 1)
    : DelegatingHandler(inner)
{
    private int _matches;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith(path, StringComparison.Ordinal)
            && Interlocked.Increment(ref _matches) == occurrence)
        {
            cancellation.Cancel();
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Renames an activity type in Marketo's activity type list, as an instance administrator could.</summary>
internal sealed class RenameActivityTypeHandler(HttpMessageHandler inner, string name, string newName) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!request.RequestUri!.AbsolutePath.EndsWith("/activities/types.json", StringComparison.Ordinal))
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var renamed = Regex.Replace(
            body, $"\"name\"\\s*:\\s*\"{Regex.Escape(name)}\"", $"\"name\":{JsonSerializer.Serialize(newName)}");
        Assert.That(renamed, Is.Not.EqualTo(body), "the activity type to rename was not in the response");
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(renamed, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
    }
}
