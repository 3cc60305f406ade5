namespace Marketo.Extract.Testing.Internal.Bulk;

/// <summary>The states of an export job, spelled as Marketo's JSON spells them.</summary>
internal enum ExportState
{
    Created,
    Queued,
    Processing,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>One export job. <see cref="ExportEngine"/> owns it and changes it only under its lock.</summary>
internal sealed class ExportJob
{
    public required string Id { get; init; }

    public required ExportDefinition Definition { get; init; }

    public required EmulatorClientCredentials Owner { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public ExportState State { get; set; } = ExportState.Created;

    public DateTimeOffset? QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Gets or sets when processing is due to end; set when processing starts.</summary>
    public DateTimeOffset? ProcessingEndsAt { get; set; }

    /// <summary>Gets or sets the file's bytes, rendered when processing starts and fixed from then on.</summary>
    public byte[]? File { get; set; }

    public long Records { get; set; }

    public string? Checksum { get; set; }

    public bool FileRemoved { get; set; }

    public bool LoseFileOnCompletion { get; set; }

    /// <summary>Gets or sets the <c>errorMsg</c> the job fails with when processing ends, when a fault planned a failure.</summary>
    public string? PlannedFailure { get; set; }

    public string? ErrorMessage { get; set; }

    public bool IsOpen => State is ExportState.Created or ExportState.Queued or ExportState.Processing;

    /// <summary>Gets the time the status stops being readable: 30 days after the job ended or, for a job that never ended, after it was created.</summary>
    public DateTimeOffset StatusExpiresAt => (FinishedAt ?? CancelledAt ?? CreatedAt) + TimeSpan.FromDays(30);
}
