namespace Marketo.Extract.Internal;

/// <summary>
/// Builds request URLs from the configured REST endpoint, whatever form of it the user pasted.
/// </summary>
/// <remarks>
/// Admin &gt; Web Services shows the endpoint as <c>https://123-ABC-456.mktorest.com/rest</c>, but the identity and
/// bulk paths sit beside <c>/rest</c>, not under it, so a trailing <c>/rest</c> is dropped. Any other path is kept as
/// a prefix, which lets a reverse proxy serve Marketo under a sub-path.
/// </remarks>
internal sealed class MarketoEndpoint
{
    private readonly string _root;

    /// <summary>Initializes a new instance of the <see cref="MarketoEndpoint"/> class from a validated base address.</summary>
    public MarketoEndpoint(Uri baseAddress)
    {
        var root = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (root.EndsWith("/rest", StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^"/rest".Length];
        }

        _root = root;
    }

    /// <summary>Gets the token endpoint of the identity service.</summary>
    public Uri IdentityTokenUri => new(_root + "/identity/oauth/token", UriKind.Absolute);

    /// <summary>Builds the absolute URL of a path such as <c>/rest/v1/lists.json</c> and an encoded query.</summary>
    public Uri Build(string path, string? query) =>
        new(string.IsNullOrEmpty(query) ? _root + path : _root + path + "?" + query, UriKind.Absolute);
}
