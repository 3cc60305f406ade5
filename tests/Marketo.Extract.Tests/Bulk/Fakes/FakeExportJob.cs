using Marketo.Extract.Models;

namespace Marketo.Extract.Tests.Bulk.Fakes;

/// <summary>One export job inside <see cref="FakeBulkExportClient"/>, with knobs that script its faults.</summary>
internal sealed class FakeExportJob
{
    public required int Number { get; init; }

    public required string ExportId { get; init; }

    public required BulkExportObject Kind { get; init; }

    /// <summary>Gets the create request: a <see cref="LeadExportRequest"/> or an <see cref="ActivityExportRequest"/>.</summary>
    public object? Request { get; init; }

    public BulkExportStatus Status { get; set; } = BulkExportStatus.Created;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Gets or sets how long the job stays Processing before it completes or fails.</summary>
    public TimeSpan ProcessingTime { get; set; }

    /// <summary>Gets or sets the file bytes; the reported size and checksum are computed from them.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>Gets or sets the bytes the file endpoint serves instead of <see cref="Content"/>.</summary>
    public byte[]? ServedContent { get; set; }

    /// <summary>Gets or sets a fileSize to report instead of the length of <see cref="Content"/>.</summary>
    public long? ReportedFileSize { get; set; }

    /// <summary>Gets or sets a fileChecksum to report instead of the one of <see cref="Content"/>.</summary>
    public string? ReportedChecksum { get; set; }

    /// <summary>Gets or sets Marketo's errorMsg; when set, the job fails instead of completing.</summary>
    public string? FailWith { get; set; }

    /// <summary>Gets or sets how many more file requests answer HTTP 404 although the job is Completed.</summary>
    public int FileNotFoundResponses { get; set; }

    /// <summary>Gets the file offsets at which a connection drops, in order; each is used once.</summary>
    public Queue<long> ConnectionDropsAt { get; } = new();

    /// <summary>Gets the file offsets at which a response ends without an error, short of its Content-Length.</summary>
    public Queue<long> ResponsesEndAt { get; } = new();

    /// <summary>Gets or sets whether the file endpoint ignores the offset and always serves from byte 0.</summary>
    public bool IgnoresRange { get; set; }

    /// <summary>Gets or sets a status to report instead of <see cref="Status"/>, with its raw text.</summary>
    public (BulkExportStatus Status, string Raw)? ReportedStatus { get; set; }

    public bool IsOpen => Status is BulkExportStatus.Created or BulkExportStatus.Queued or BulkExportStatus.Processing;

    public DateTimeOffset FinishesAt => StartedAt!.Value + ProcessingTime;

    public BulkExportJobInfo ToInfo()
    {
        var completed = Status == BulkExportStatus.Completed;
        var (status, raw) = ReportedStatus ?? (Status, Status.ToString());
        return new BulkExportJobInfo
        {
            ExportId = ExportId,
            Status = status,
            RawStatus = raw,
            Format = "CSV",
            CreatedAt = CreatedAt,
            QueuedAt = QueuedAt,
            StartedAt = StartedAt,
            FinishedAt = FinishedAt,
            NumberOfRecords = completed ? Content.Count(b => b == (byte)'\n') - 1 : null,
            FileSize = completed ? ReportedFileSize ?? Content.Length : null,
            FileChecksum = completed ? ReportedChecksum ?? FakeBulkExportClient.Checksum(Content) : null,
            ErrorMessage = Status == BulkExportStatus.Failed ? FailWith : null,
        };
    }
}
