namespace Marketo.Extract.Reliability.Tests.BadInput;

/// <summary>
/// Changes one byte in the middle of the first lead export file the emulator serves, keeping its length, as a
/// faulty proxy or disk would.
/// </summary>
internal sealed class CorruptingHandler(byte replacement) : DelegatingHandler
{
    private int _corrupted;

    public bool Corrupted => _corrupted > 0;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var isLeadFile = request.RequestUri!.AbsolutePath.StartsWith("/bulk/v1/leads/export/", StringComparison.Ordinal)
            && request.RequestUri.AbsolutePath.EndsWith("/file.json", StringComparison.Ordinal);
        if (!isLeadFile || !response.IsSuccessStatusCode || Interlocked.Exchange(ref _corrupted, 1) == 1)
        {
            return response;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        bytes[bytes.Length / 2] = replacement;
        var content = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        return response;
    }
}
