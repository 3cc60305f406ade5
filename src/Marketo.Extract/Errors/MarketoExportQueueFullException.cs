namespace Marketo.Extract;

/// <summary>Marketo's bulk export queue is full (code 1029, "Too many jobs in queue"); retry the enqueue later.</summary>
public class MarketoExportQueueFullException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="MarketoExportQueueFullException"/> class.</summary>
    public MarketoExportQueueFullException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoExportQueueFullException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    public MarketoExportQueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoExportQueueFullException"/> class.</summary>
    /// <param name="message">The message that says what happened and what to do.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MarketoExportQueueFullException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
