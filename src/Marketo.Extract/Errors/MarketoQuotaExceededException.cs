namespace Marketo.Extract;

/// <summary>A daily quota is used up; calls fail until it resets at midnight America/Chicago.</summary>
public class MarketoQuotaExceededException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="MarketoQuotaExceededException"/> class.</summary>
    public MarketoQuotaExceededException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoQuotaExceededException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    public MarketoQuotaExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoQuotaExceededException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MarketoQuotaExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets which quota ran out.</summary>
    public MarketoQuotaKind Quota { get; init; }

    /// <summary>Gets when the quota resets: the next midnight in America/Chicago, as a UTC instant.</summary>
    public DateTimeOffset ResetsAt { get; init; }
}
