using System.Text.Json.Nodes;
using Marketo.Extract.Testing.Internal.Api;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Testing.Internal.Bulk;

/// <summary>
/// The bulk export jobs and their queue. Job progress is computed from the time provider whenever a call arrives,
/// so a fake clock moves a multi-hour job along in milliseconds.
/// </summary>
/// <remarks>
/// Transitions: Created -(enqueue)-> Queued -(slot free and queue wait over)-> Processing -(processing time
/// over)-> Completed or Failed; Created, Queued and Processing -(cancel)-> Cancelled. With a status cadence,
/// every clock-driven transition lands on a multiple of the cadence after the emulator started.
/// </remarks>
internal sealed partial class ExportEngine
{
    private const int MaxIterations = 100_000;
    private static readonly TimeSpan FileRetention = TimeSpan.FromDays(7);
    private static readonly TimeSpan ListWindow = TimeSpan.FromDays(7);

    private readonly object _lock = new();
    private readonly MarketoEmulatorOptions _options;
    private readonly EmulatedDataset _dataset;
    private readonly EmulatorStatistics _statistics;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _epoch;
    private readonly List<ExportJob> _jobs = [];
    private readonly Dictionary<string, ExportJob> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<DateOnly, long> _exportedBytes = [];
    private int _phantomJobs;
    private DateTimeOffset? _phantomUntil;
    private DateTimeOffset _floor;

    public ExportEngine(
        MarketoEmulatorOptions options, EmulatedDataset dataset, EmulatorStatistics statistics, ILogger logger, DateTimeOffset epoch)
    {
        _options = options;
        _dataset = dataset;
        _statistics = statistics;
        _logger = logger;
        _epoch = epoch;
        _floor = epoch;
    }

    /// <summary>Gets or sets the faults that plan failed jobs and lost files; set once the emulator is built.</summary>
    public EmulatorFaults? Faults { get; set; }

    public ExportOutcome Create(EmulatorClientCredentials owner, ExportDefinition definition, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            if (QuotaUsed(now) >= _options.DailyExportQuotaBytes)
            {
                return ExportOutcome.Fail("1029", ErrorMessages.ExportQuota(_options.DailyExportQuotaBytes));
            }

            var job = new ExportJob { Id = Guid.NewGuid().ToString(), Definition = definition, Owner = owner, CreatedAt = now };
            _jobs.Add(job);
            _byId[job.Id] = job;
            _statistics.RecordExportCreated();
            Log.ExportCreated(_logger, job.Id, definition.Kind, owner.ApiUser);
            return new ExportOutcome(ToJson(job, includeProgress: false));
        }
    }

    public ExportOutcome Enqueue(EmulatorClientCredentials owner, ExportKind kind, string id, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            if (Find(owner, kind, id, now) is not { } job)
            {
                return NotFound(id);
            }

            if (job.State is ExportState.Queued or ExportState.Processing)
            {
                return ExportOutcome.Fail("1029", ErrorMessages.JobAlreadyQueued);
            }

            // EMULATOR CHOICE: Marketo does not document enqueueing a finished job. "Job already queued" would tell
            // a client to treat the call as a success, so a Cancelled, Completed or Failed job gets 1003 instead.
            if (job.State != ExportState.Created)
            {
                return ExportOutcome.Fail("1003",
                    $"Export job {id} is {job.State}; only a Created job can be enqueued, so create a new export");
            }

            if (QuotaUsed(now) >= _options.DailyExportQuotaBytes)
            {
                return ExportOutcome.Fail("1029", ErrorMessages.ExportQuota(_options.DailyExportQuotaBytes));
            }

            if (QueuedCount() >= _options.MaxQueuedExports)
            {
                return ExportOutcome.Fail("1029", ErrorMessages.TooManyJobsInQueue);
            }

            job.State = ExportState.Queued;
            job.QueuedAt = now;
            _floor = now;
            _statistics.RecordExportEnqueued();
            Log.ExportStateChanged(_logger, job.Id, job.State);
            AdvanceTo(now);
            return new ExportOutcome(ToJson(job));
        }
    }

    public ExportOutcome Status(EmulatorClientCredentials owner, ExportKind kind, string id, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            return Find(owner, kind, id, now) is { } job ? new ExportOutcome(ToJson(job)) : NotFound(id);
        }
    }

    public ExportOutcome Cancel(EmulatorClientCredentials owner, ExportKind kind, string id, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            if (Find(owner, kind, id, now) is not { } job)
            {
                return NotFound(id);
            }

            // EMULATOR CHOICE: Marketo does not document cancelling a finished job; a Completed or
            // Failed job stays as it is and the call fails with 1003.
            if (job.State is ExportState.Completed or ExportState.Failed)
            {
                return ExportOutcome.Fail("1003", $"Export job {id} is {job.State} and cannot be cancelled");
            }

            if (job.IsOpen)
            {
                job.State = ExportState.Cancelled;
                job.CancelledAt = now;
                job.File = null;
                _floor = now;
                _statistics.RecordExportCancelled();
                Log.ExportStateChanged(_logger, job.Id, job.State);
                AdvanceTo(now);
            }

            return new ExportOutcome(ToJson(job));
        }
    }

    public IReadOnlyList<JsonObject> List(
        EmulatorClientCredentials owner, ExportKind kind, IReadOnlySet<ExportState>? states, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            return
            [
                .. _jobs
                    .Where(j => j.Definition.Kind == kind && IsOwner(j, owner) && j.CreatedAt > now - ListWindow)
                    .Where(j => states is null || states.Contains(j.State))
                    .Select(j => ToJson(j)),
            ];
        }
    }

    /// <summary>Returns every job of every API user with its exact times, in creation order.</summary>
    public IReadOnlyList<EmulatedExportJob> Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            return [.. _jobs.Select(ToRecord)];
        }
    }

    /// <summary>Returns the file of a Completed job, or <see langword="null"/> when Marketo would return 404.</summary>
    public (byte[] Bytes, string ContentType)? File(EmulatorClientCredentials owner, ExportKind kind, string id, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            var job = Find(owner, kind, id, now);
            bool available = job is { State: ExportState.Completed, FileRemoved: false, File: not null } &&
                now < job.FinishedAt!.Value + FileRetention;
            return available ? (job!.File!, job.Definition.ContentType) : null;
        }
    }

    public bool RemoveFile(string id, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            if (!_byId.TryGetValue(id, out var job) || job.State != ExportState.Completed)
            {
                return false;
            }

            job.FileRemoved = true;
            return true;
        }
    }

    public void OccupyQueue(int jobs, DateTimeOffset? until, DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            _phantomJobs = jobs;
            _phantomUntil = until;
            _floor = now;
        }
    }

    public void ReleaseQueue(DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            _phantomJobs = 0;
            _phantomUntil = null;
            _floor = now;
            AdvanceTo(now);
        }
    }

    public void ExhaustQuota(DateTimeOffset now)
    {
        lock (_lock)
        {
            AdvanceTo(now);
            var day = ChicagoTime.DayOf(now);
            _exportedBytes[day] = Math.Max(_exportedBytes.GetValueOrDefault(day), _options.DailyExportQuotaBytes);
        }
    }

    private static EmulatedExportJob ToRecord(ExportJob job) => new()
    {
        ExportId = job.Id,
        Kind = job.Definition.Kind == ExportKind.Leads ? "leads" : "activities",
        Status = job.State.ToString(),
        CreatedAt = job.CreatedAt,
        QueuedAt = job.QueuedAt,
        StartedAt = job.StartedAt,
        FinishedAt = job.FinishedAt,
        CancelledAt = job.CancelledAt,
        FileSize = job.File?.Length,
        NumberOfRecords = job.StartedAt is null ? null : job.Records,
    };

    private ExportJob? Find(EmulatorClientCredentials owner, ExportKind kind, string id, DateTimeOffset now) =>
        _byId.TryGetValue(id, out var job) && job.Definition.Kind == kind && IsOwner(job, owner) && now < job.StatusExpiresAt
            ? job
            : null;

    // Jobs belong to the API user, so two custom services of one user share their jobs.
    private static bool IsOwner(ExportJob job, EmulatorClientCredentials caller) =>
        string.Equals(job.Owner.ApiUser, caller.ApiUser, StringComparison.OrdinalIgnoreCase);

    // EMULATOR CHOICE: Marketo does not document the response to an unknown export id, so this returns 1003.
    private static ExportOutcome NotFound(string id) => ExportOutcome.Fail("1003", $"Export id {id} not found");

    private long QuotaUsed(DateTimeOffset now) => _exportedBytes.GetValueOrDefault(ChicagoTime.DayOf(now));

    private int QueuedCount() =>
        _phantomJobs + _jobs.Count(j => j.State is ExportState.Queued or ExportState.Processing);

    private int FreeProcessingSlots() =>
        _options.MaxProcessingExports - Math.Min(_phantomJobs, _options.MaxProcessingExports) -
        _jobs.Count(j => j.State == ExportState.Processing);
}
