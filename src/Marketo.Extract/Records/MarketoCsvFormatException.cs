namespace Marketo.Extract.Records;

/// <summary>
/// An export file is not the CSV it should be: a row has the wrong number of values, quoting is broken,
/// the bytes are not UTF-8, the header lacks a requested column, or an activity row has a type without
/// a schema.
/// </summary>
/// <remarks>
/// The file is never read past the bad row, so no shifted or guessed values reach the caller. Most causes
/// are a download cut short or altered in transit: download the file again and compare its SHA-256 with the
/// job's <c>fileChecksum</c>.
/// </remarks>
public class MarketoCsvFormatException : MarketoException
{
    /// <summary>Initializes a new instance of the <see cref="MarketoCsvFormatException"/> class.</summary>
    public MarketoCsvFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoCsvFormatException"/> class.</summary>
    /// <param name="message">The message: what is wrong, where, and what to do.</param>
    public MarketoCsvFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketoCsvFormatException"/> class.</summary>
    /// <param name="message">The message: what is wrong, where, and what to do.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public MarketoCsvFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the 1-based data row (the header not counted) where the problem is; 0 for the header.</summary>
    public long? RowNumber { get; init; }

    /// <summary>Gets the 1-based line of the file where the row starts.</summary>
    public long? LineNumber { get; init; }

    /// <summary>Gets the header of the column where the problem is, when it is in one column.</summary>
    public string? ColumnName { get; init; }
}
