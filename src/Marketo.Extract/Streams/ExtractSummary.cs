namespace Marketo.Extract.Streams;

/// <summary>What one extraction did: records per stream, calls, export jobs, bytes and time.</summary>
public sealed record ExtractSummary
{
    /// <summary>Gets the number of records delivered per stream id, including streams that delivered none.</summary>
    public required IReadOnlyDictionary<string, long> RecordsPerStream { get; init; }

    /// <summary>Gets the number of REST, Asset and Bulk API calls made, which count against the daily quota.</summary>
    public required long ApiCalls { get; init; }

    /// <summary>
    /// Gets the number of bulk export jobs created, including the jobs that replace a saved job because Marketo no
    /// longer has it, it failed, it was cancelled or its file expired.
    /// </summary>
    public required int ExportJobsCreated { get; init; }

    /// <summary>
    /// Gets the number of export files read from jobs that an earlier run created and saved, so their windows cost
    /// no new export. A saved job that this extraction replaced, or stopped before reading, is not counted.
    /// </summary>
    public required int ExportJobsResumed { get; init; }

    /// <summary>Gets the number of export file bytes downloaded.</summary>
    public required long BytesDownloaded { get; init; }

    /// <summary>Gets the time the extraction took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Gets the total number of records delivered.</summary>
    public long TotalRecords => RecordsPerStream.Values.Sum();
}
