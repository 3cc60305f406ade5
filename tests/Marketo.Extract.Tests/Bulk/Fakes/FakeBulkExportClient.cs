using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Marketo.Extract.Models;

namespace Marketo.Extract.Tests.Bulk.Fakes;

/// <summary>
/// An in-memory Marketo bulk export service for unit tests of the bulk engine. Jobs move through Queued, Processing
/// and Completed on the test clock, with 2 processing slots and a queue of 10. Files are served from byte arrays
/// with offsets, and faults come on demand. Only the bulk export members work; the others throw.
/// </summary>
internal sealed class FakeBulkExportClient(TimeProvider clock) : IMarketoClient
{
    private readonly object _lock = new();
    private readonly List<FakeExportJob> _jobs = [];
    private readonly List<string> _calls = [];
    private readonly List<(DateTimeOffset At, string Call)> _callsAt = [];

    public MarketoClientStatistics Statistics { get; } = new();

    /// <summary>Gets or sets how long a job processes unless <see cref="OnCreated"/> sets its own time.</summary>
    public TimeSpan ProcessingTime { get; set; } = TimeSpan.FromMinutes(5);

    public int ProcessingSlots { get; set; } = 2;

    public int QueueCapacity { get; set; } = 10;

    /// <summary>Gets or sets the number of queue places that jobs of other integrations hold.</summary>
    public int OtherIntegrationsQueued { get; set; }

    /// <summary>Gets or sets the file bytes of the job with the given number (1 for the first job created).</summary>
    public Func<int, byte[]> FileContent { get; set; } =
        number => Encoding.UTF8.GetBytes($"id,email\n{number},lead{number}@example.com\n");

    /// <summary>Gets or sets a hook that scripts faults on each job as it is created.</summary>
    public Action<FakeExportJob>? OnCreated { get; set; }

    /// <summary>Gets or sets a hook that returns an error for the create call with the given number (1 for the first).</summary>
    public Func<int, Exception?>? CreateFault { get; set; }

    /// <summary>Gets or sets a fault thrown after the job was created, as when the create response is lost.</summary>
    public Func<int, Exception?>? CreateResponseFault { get; set; }

    public Queue<Exception> EnqueueErrors { get; } = new();

    public Queue<Exception> StatusErrors { get; } = new();

    /// <summary>Gets or sets a hook that returns an error for the enqueue of a given job, or null to accept it.</summary>
    public Func<FakeExportJob, Exception?>? EnqueueFault { get; set; }

    /// <summary>Gets or sets a hook that returns an error for a file request of a given job, or null to serve it.</summary>
    public Func<FakeExportJob, Exception?>? OpenFault { get; set; }

    /// <summary>Gets or sets a shared event log that calls are also written to, to check the order against others.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string>? EventLog { get; set; }

    /// <summary>Gets the largest number of this client's jobs that were open (Created, Queued or Processing) at once.</summary>
    public int MaxOpenJobs { get; private set; }

    /// <summary>Gets the largest number of jobs that were processing at once.</summary>
    public int MaxProcessingJobs { get; private set; }

    public IReadOnlyList<FakeExportJob> Jobs
    {
        get
        {
            lock (_lock)
            {
                return _jobs.ToList();
            }
        }
    }

    /// <summary>Gets the calls made so far, as "verb exportId" or "verb kind".</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToList();
            }
        }
    }

    /// <summary>Gets the calls made so far with the clock time of each.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Call)> CallsAt
    {
        get
        {
            lock (_lock)
            {
                return _callsAt.ToList();
            }
        }
    }

    public static string Checksum(byte[] content) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public int CountCalls(string verb) => Calls.Count(call => call.StartsWith(verb + " ", StringComparison.Ordinal));

    public FakeExportJob Job(string exportId) => Jobs.Single(job => job.ExportId == exportId);

    /// <summary>Adds a job that an earlier run created, already in the given status.</summary>
    public FakeExportJob AddJob(BulkExportObject kind, BulkExportStatus status, TimeSpan? queuedAgo = null)
    {
        lock (_lock)
        {
            var job = NewJob(kind, request: null);
            job.Status = status;
            var now = clock.GetUtcNow();
            job.CreatedAt = now - (queuedAgo ?? TimeSpan.Zero) - TimeSpan.FromSeconds(1);
            job.QueuedAt = status == BulkExportStatus.Created ? null : now - (queuedAgo ?? TimeSpan.Zero);
            job.StartedAt = status is BulkExportStatus.Processing or BulkExportStatus.Completed or BulkExportStatus.Failed
                ? job.QueuedAt
                : null;
            job.FinishedAt = status is BulkExportStatus.Completed or BulkExportStatus.Failed ? now : null;
            job.FailWith = status == BulkExportStatus.Failed ? "Failed earlier" : null;
            return job;
        }
    }

    public Task<BulkExportJobInfo> CreateLeadExportAsync(LeadExportRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(BulkExportObject.Leads, request, cancellationToken);

    public Task<BulkExportJobInfo> CreateActivityExportAsync(ActivityExportRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(BulkExportObject.Activities, request, cancellationToken);

    public Task<BulkExportJobInfo> EnqueueExportAsync(BulkExportObject kind, string exportId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Record("enqueue " + exportId);
            Simulate();
            if (EnqueueErrors.TryDequeue(out var error))
            {
                throw error;
            }

            var job = Find(kind, exportId);
            if (EnqueueFault?.Invoke(job) is { } fault)
            {
                throw fault;
            }

            if (job.Status != BulkExportStatus.Created)
            {
                return Task.FromResult(job.ToInfo());
            }

            if (_jobs.Count(other => other.Status is BulkExportStatus.Queued or BulkExportStatus.Processing)
                + OtherIntegrationsQueued >= QueueCapacity)
            {
                throw new MarketoExportQueueFullException("Too many jobs in queue") { ErrorCode = "1029" };
            }

            job.Status = BulkExportStatus.Queued;
            job.QueuedAt = clock.GetUtcNow();
            StartQueuedJobs(clock.GetUtcNow());
            return Task.FromResult(job.ToInfo());
        }
    }

    public Task<BulkExportJobInfo> GetExportStatusAsync(BulkExportObject kind, string exportId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Record("status " + exportId);
            Simulate();
            if (StatusErrors.TryDequeue(out var error))
            {
                throw error;
            }

            return Task.FromResult(Find(kind, exportId).ToInfo());
        }
    }

    public Task<BulkExportJobInfo> CancelExportAsync(BulkExportObject kind, string exportId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Record("cancel " + exportId);
            Simulate();
            var job = Find(kind, exportId);
            if (job.IsOpen)
            {
                job.Status = BulkExportStatus.Cancelled;
                StartQueuedJobs(clock.GetUtcNow());
            }

            return Task.FromResult(job.ToInfo());
        }
    }

    public async IAsyncEnumerable<BulkExportJobInfo> ListExportsAsync(
        BulkExportObject kind,
        IReadOnlyCollection<BulkExportStatus>? statuses = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        List<BulkExportJobInfo> listed;
        lock (_lock)
        {
            Record("list " + kind);
            Simulate();
            listed = _jobs
                .Where(job => job.Kind == kind && (statuses is null || statuses.Contains(job.Status)))
                .Select(job => job.ToInfo())
                .ToList();
        }

        foreach (var info in listed)
        {
            await Task.CompletedTask;
            yield return info;
        }
    }

    public Task<BulkExportFile> OpenExportFileAsync(
        BulkExportObject kind, string exportId, long offset = 0, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Record($"open {exportId}@{offset}");
            Simulate();
            var job = Find(kind, exportId);
            if (OpenFault?.Invoke(job) is { } fault)
            {
                throw fault;
            }

            if (job.Status != BulkExportStatus.Completed || job.FileNotFoundResponses > 0)
            {
                job.FileNotFoundResponses = Math.Max(0, job.FileNotFoundResponses - 1);
                throw new MarketoExportFileNotFoundException("Export file not found") { ExportId = exportId, StatusCode = HttpStatusCode.NotFound };
            }

            var bytes = job.ServedContent ?? job.Content;
            var start = job.IgnoresRange ? 0 : Math.Min(offset, bytes.Length);
            long? dropAt = job.ConnectionDropsAt.TryDequeue(out var drop) ? drop : null;
            long? endAt = job.ResponsesEndAt.TryDequeue(out var end) ? end : null;
            var content = new DroppingStream(bytes, (int)start, dropAt, endAt);
            return Task.FromResult(new BulkExportFile(content, start, bytes.Length - start, bytes.Length));
        }
    }

    public Task<IReadOnlyList<ActivityType>> GetActivityTypesAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<LeadField>> DescribeLeadsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<Campaign> GetCampaignsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<MarketoPage<Campaign>> GetCampaignsPageAsync(string? continuationToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<StaticList> GetStaticListsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<MarketoPage<StaticList>> GetStaticListsPageAsync(string? continuationToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<MarketoProgram> GetProgramsAsync(DateTimeRange? updatedWithin = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<MarketoPage<MarketoProgram>> GetProgramsPageAsync(
        DateTimeRange? updatedWithin, string? continuationToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public IAsyncEnumerable<LeadActivity> GetDeletedLeadsAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<MarketoPage<LeadActivity>> GetDeletedLeadsPageAsync(string pagingToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<string> GetPagingTokenAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    private Task<BulkExportJobInfo> CreateAsync(BulkExportObject kind, object request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Record("create " + kind);
            Simulate();
            if (CreateFault?.Invoke(_calls.Count(call => call.StartsWith("create ", StringComparison.Ordinal))) is { } error)
            {
                throw error;
            }

            var job = NewJob(kind, request);
            OnCreated?.Invoke(job);
            TrackOpenJobs();
            if (CreateResponseFault?.Invoke(_calls.Count(call => call.StartsWith("create ", StringComparison.Ordinal))) is { } lost)
            {
                throw lost;
            }

            return Task.FromResult(job.ToInfo());
        }
    }

    private FakeExportJob NewJob(BulkExportObject kind, object? request)
    {
        var number = _jobs.Count + 1;
        var job = new FakeExportJob
        {
            Number = number,
            ExportId = $"{number:D8}-0000-4000-8000-000000000000",
            Kind = kind,
            Request = request,
            CreatedAt = clock.GetUtcNow(),
            ProcessingTime = ProcessingTime,
            Content = FileContent(number),
        };
        _jobs.Add(job);
        return job;
    }

    private FakeExportJob Find(BulkExportObject kind, string exportId) =>
        _jobs.SingleOrDefault(job => job.Kind == kind && job.ExportId == exportId)
        ?? throw new MarketoException("Invalid data") { ErrorCode = "1003", MarketoMessage = "Export job not found" };

    private void Record(string call)
    {
        _calls.Add(call);
        _callsAt.Add((clock.GetUtcNow(), call));
        EventLog?.Enqueue(call);
    }

    /// <summary>Plays the processing slots forward to now: finishes jobs in time order and starts queued ones.</summary>
    private void Simulate()
    {
        var now = clock.GetUtcNow();
        while (_jobs.Where(job => job.Status == BulkExportStatus.Processing && job.FinishesAt <= now)
                   .OrderBy(job => job.FinishesAt)
                   .FirstOrDefault() is { } finishing)
        {
            Finish(finishing);
            StartQueuedJobs(finishing.FinishesAt);
        }

        StartQueuedJobs(now);
    }

    private void StartQueuedJobs(DateTimeOffset at)
    {
        var queued = _jobs.Where(job => job.Status == BulkExportStatus.Queued).OrderBy(job => job.QueuedAt).ThenBy(job => job.Number);
        foreach (var job in queued.ToList())
        {
            if (_jobs.Count(other => other.Status == BulkExportStatus.Processing) >= ProcessingSlots)
            {
                break;
            }

            job.Status = BulkExportStatus.Processing;
            job.StartedAt = at > job.QueuedAt ? at : job.QueuedAt;
        }

        TrackOpenJobs();
    }

    private static void Finish(FakeExportJob job)
    {
        job.FinishedAt = job.FinishesAt;
        job.Status = job.FailWith is null ? BulkExportStatus.Completed : BulkExportStatus.Failed;
    }

    private void TrackOpenJobs()
    {
        MaxOpenJobs = Math.Max(MaxOpenJobs, _jobs.Count(job => job.IsOpen));
        MaxProcessingJobs = Math.Max(MaxProcessingJobs, _jobs.Count(job => job.Status == BulkExportStatus.Processing));
    }

    /// <summary>
    /// A response body over a byte array that throws <see cref="IOException"/> at one file offset, or ends without
    /// an error at another, short of its Content-Length.
    /// </summary>
    private sealed class DroppingStream(byte[] bytes, int start, long? dropAt, long? endAt) : Stream
    {
        private int _position = start;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (dropAt is { } drop && _position >= drop)
            {
                throw new IOException("The connection was reset by the peer.");
            }

            var end = (int)Math.Min(Math.Min(dropAt ?? long.MaxValue, endAt ?? long.MaxValue), bytes.Length);
            var count = Math.Min(buffer.Length, end - _position);
            bytes.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
