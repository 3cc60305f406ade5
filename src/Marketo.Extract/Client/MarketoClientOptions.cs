namespace Marketo.Extract;

/// <summary>Settings of a <see cref="IMarketoClient"/>: where Marketo is, the credentials, and the tuning knobs.</summary>
public sealed class MarketoClientOptions
{
    /// <summary>
    /// Gets or sets the REST endpoint shown in Marketo's Admin &gt; Web Services, for example
    /// <c>https://123-ABC-456.mktorest.com</c>. A trailing <c>/</c> or <c>/rest</c> is tolerated.
    /// </summary>
    /// <value>No default; required.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the client id of the LaunchPoint custom service.</summary>
    /// <value>No default; required.</value>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret of the LaunchPoint custom service. It is never logged or printed.</summary>
    /// <value>No default; required.</value>
    public string? ClientSecret { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"MarketoClientOptions {{ BaseAddress = {BaseAddress}, ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "null" : "***")} }}";
}
