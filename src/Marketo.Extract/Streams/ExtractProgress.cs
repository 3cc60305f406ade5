namespace Marketo.Extract.Streams;

/// <summary>A progress report of an extraction, for progress bars and logs.</summary>
public sealed record ExtractProgress
{
    /// <summary>Gets the stream being read.</summary>
    public required string StreamId { get; init; }

    /// <summary>Gets the records delivered so far from <see cref="StreamId"/>.</summary>
    public required long StreamRecords { get; init; }

    /// <summary>Gets the records delivered so far from every stream.</summary>
    public required long TotalRecords { get; init; }

    /// <summary>Gets what is happening, for example <c>export 3/7 queued in Marketo</c>; <see langword="null"/> while reading records.</summary>
    public string? Activity { get; init; }
}
