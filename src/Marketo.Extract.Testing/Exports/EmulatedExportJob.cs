namespace Marketo.Extract.Testing;

/// <summary>
/// A bulk export job as the emulator recorded it, with exact times: Marketo's JSON gives whole seconds, which hides
/// the order of events when a test or benchmark speeds the emulator's clock up.
/// </summary>
public sealed record EmulatedExportJob
{
    /// <summary>Gets the export id.</summary>
    public required string ExportId { get; init; }

    /// <summary>Gets what the job exports: <c>leads</c> or <c>activities</c>, as in the endpoint path.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the status as Marketo spells it: <c>Created</c>, <c>Queued</c>, <c>Processing</c>, <c>Completed</c>, <c>Failed</c> or <c>Cancelled</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets when the job was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the job was enqueued, once it was.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>Gets when processing started, once it did; a multiple of the status cadence after the emulator started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the job completed or failed, once it did; a multiple of the status cadence after the emulator started.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets when the job was cancelled, if it was.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Gets the size of the file in bytes, once processing started and until a cancel drops the file.</summary>
    public long? FileSize { get; init; }

    /// <summary>Gets the number of records in the file, once processing started.</summary>
    public long? NumberOfRecords { get; init; }
}
