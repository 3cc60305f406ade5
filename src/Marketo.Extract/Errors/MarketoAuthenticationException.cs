namespace Marketo.Extract;

/// <summary>Marketo rejected the client credentials or the access token.</summary>
public class MarketoAuthenticationException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="MarketoAuthenticationException"/> class.</summary>
    public MarketoAuthenticationException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoAuthenticationException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    public MarketoAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoAuthenticationException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MarketoAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
