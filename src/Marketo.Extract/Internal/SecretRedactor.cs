using System.Text;

namespace Marketo.Extract.Internal;

/// <summary>
/// Removes the client secret and the access tokens from text that came from a server before it reaches a message
/// or a log line, and cuts response bodies down to a short, printable excerpt.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>The longest excerpt of a response body that a message carries.</summary>
    public const int MaxExcerptLength = 200;

    private const string Mask = "***";

    private readonly string _clientSecret;
    private volatile string? _currentToken;
    private volatile string? _previousToken;

    public SecretRedactor(string clientSecret)
    {
        _clientSecret = clientSecret;
    }

    /// <summary>Registers a token that messages must not show; the one before it stays masked too.</summary>
    public void AddToken(string token)
    {
        if (token != _currentToken)
        {
            _previousToken = _currentToken;
            _currentToken = token;
        }
    }

    /// <summary>Returns the text with every known secret replaced by <c>***</c>.</summary>
    public string Redact(string text)
    {
        text = Replace(text, _clientSecret);
        text = Replace(text, _currentToken);
        return Replace(text, _previousToken);
    }

    /// <summary>Returns a redacted excerpt of a body: at most 200 characters, control characters turned into spaces.</summary>
    public string Excerpt(ReadOnlySpan<byte> body)
    {
        // Decode a little more than the excerpt so that a secret cut at the boundary is still recognised.
        var slice = body[..Math.Min(body.Length, 4 * (MaxExcerptLength + 256))];
        var text = Encoding.UTF8.GetString(slice);
        return Excerpt(text);
    }

    /// <summary>Returns a redacted excerpt of a text, as <see cref="Excerpt(ReadOnlySpan{byte})"/> does.</summary>
    public string Excerpt(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxExcerptLength + 1));
        var lastWasSpace = false;
        foreach (var c in Redact(text))
        {
            var isSpace = char.IsControl(c) || char.IsWhiteSpace(c);
            if (isSpace && (lastWasSpace || builder.Length == 0))
            {
                continue;
            }

            builder.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
            if (builder.Length > MaxExcerptLength)
            {
                builder.Length = MaxExcerptLength;
                return builder.Append('…').ToString();
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static string Replace(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask, StringComparison.Ordinal);
}
