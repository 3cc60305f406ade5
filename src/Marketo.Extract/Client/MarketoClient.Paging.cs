using System.Runtime.CompilerServices;
using Marketo.Extract.Models;

namespace Marketo.Extract;

/// <summary>The loop that turns page reads into item streams.</summary>
public sealed partial class MarketoClient
{
    /// <summary>Reads pages from a first token until a page has no continuation token, yielding every item.</summary>
    /// <remarks>
    /// A page that hands back the token it was read with would make the loop endless, so it stops with an error.
    /// </remarks>
    private static async IAsyncEnumerable<T> ReadAllPagesAsync<T>(
        Func<string?, CancellationToken, Task<MarketoPage<T>>> readPage,
        string endpoint,
        string? firstToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = firstToken;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await readPage(token, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Values)
            {
                yield return item;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            if (page.ContinuationToken == token)
            {
                throw new MarketoException(
                    $"{endpoint} returned the paging token it was read with, so reading on would repeat the same " +
                    "page forever; the read was stopped. Try again later.");
            }

            token = page.ContinuationToken;
        }
    }
}
