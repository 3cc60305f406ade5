namespace Marketo.Extract.Cli;

/// <summary>The secrets of the current run, removed from every error line as a second guard.</summary>
/// <remarks>The library never puts the client secret in a message; this guards text the command itself composes.</remarks>
internal sealed class SecretList
{
    private readonly List<string> _secrets = [];

    public void Add(string secret)
    {
        if (secret.Length > 0)
        {
            _secrets.Add(secret);
        }
    }

    public string Redact(string text) =>
        _secrets.Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.OrdinalIgnoreCase));
}
