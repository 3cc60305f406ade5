namespace Marketo.Extract;

/// <summary>
/// The subscription does not support the bulk export filter (code 1035), typically the lead <c>updatedAt</c>
/// filter; fall back to another filter such as <c>createdAt</c>.
/// </summary>
public class MarketoUnsupportedFilterException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="MarketoUnsupportedFilterException"/> class.</summary>
    public MarketoUnsupportedFilterException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoUnsupportedFilterException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    public MarketoUnsupportedFilterException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoUnsupportedFilterException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MarketoUnsupportedFilterException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
