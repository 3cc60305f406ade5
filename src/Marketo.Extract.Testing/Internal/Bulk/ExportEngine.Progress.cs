using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketo.Extract.Testing.Internal.Bulk;

internal sealed partial class ExportEngine
{
    private const double BytesPerMegabyte = 1024 * 1024;

    /// <summary>Applies every transition due at or before <paramref name="now"/>, in time order. Call under the lock.</summary>
    private void AdvanceTo(DateTimeOffset now)
    {
        for (int i = 0; i < MaxIterations; i++)
        {
            if (NextEventTime() is not { } next || Align(next) > now)
            {
                return;
            }

            ProcessAt(Align(next));
        }

        throw new InvalidOperationException("The export queue did not settle; this is a bug in the emulator's export engine.");
    }

    private DateTimeOffset? NextEventTime()
    {
        DateTimeOffset? next = null;
        foreach (var job in _jobs.Where(j => j.State == ExportState.Processing))
        {
            next = Earliest(next, job.ProcessingEndsAt!.Value);
        }

        if (_phantomJobs > 0 && _phantomUntil is { } release)
        {
            next = Earliest(next, release);
        }

        if (FreeProcessingSlots() > 0)
        {
            foreach (var job in _jobs.Where(j => j.State == ExportState.Queued))
            {
                var eligible = job.QueuedAt!.Value + _options.ExportQueueWait;
                next = Earliest(next, eligible > _floor ? eligible : _floor);
            }
        }

        return next;
    }

    private static DateTimeOffset Earliest(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value <= candidate ? value : candidate;

    /// <summary>Moves a time up to the next status-cadence boundary, counted from the emulator's start.</summary>
    private DateTimeOffset Align(DateTimeOffset time)
    {
        long cadence = _options.ExportStatusCadence.Ticks;
        if (cadence == 0 || time <= _epoch)
        {
            return time;
        }

        long elapsed = (time - _epoch).Ticks;
        long steps = (elapsed + cadence - 1) / cadence;
        return _epoch + TimeSpan.FromTicks(steps * cadence);
    }

    private void ProcessAt(DateTimeOffset at)
    {
        foreach (var job in _jobs.Where(j => j.State == ExportState.Processing && j.ProcessingEndsAt <= at).ToList())
        {
            Finish(job, at);
        }

        if (_phantomJobs > 0 && _phantomUntil <= at)
        {
            _phantomJobs = 0;
            _phantomUntil = null;
        }

        foreach (var job in _jobs.Where(j => j.State == ExportState.Queued).OrderBy(j => j.QueuedAt).ToList())
        {
            if (FreeProcessingSlots() <= 0)
            {
                break;
            }

            if (job.QueuedAt!.Value + _options.ExportQueueWait <= at)
            {
                Start(job, at);
            }
        }
    }

    private void Start(ExportJob job, DateTimeOffset at)
    {
        // The file is rendered when processing starts, because Marketo takes list members at that moment.
        // From then on its bytes are fixed, whatever the dataset does.
        var (bytes, records) = ExportFileWriter.Render(job.Definition, _dataset.State);
        job.State = ExportState.Processing;
        job.StartedAt = at;
        job.File = bytes;
        job.Records = records;
        job.Checksum = TextEncodings.Sha256Checksum(bytes);
        job.PlannedFailure = Faults?.TakeExportFailure();
        var duration = _options.ExportProcessingTime +
            (_options.ExportProcessingTimePerMegabyte * (bytes.Length / BytesPerMegabyte)) +
            (_options.ExportProcessingTimePerRecord * records);
        job.ProcessingEndsAt = at + duration;
        Log.ExportStateChanged(_logger, job.Id, job.State);
    }

    private void Finish(ExportJob job, DateTimeOffset at)
    {
        job.FinishedAt = at;
        if (job.PlannedFailure is { } failure)
        {
            job.State = ExportState.Failed;
            job.ErrorMessage = failure;
            job.File = null;
            _statistics.RecordExportFailed();
        }
        else
        {
            job.State = ExportState.Completed;
            var day = ChicagoTime.DayOf(at);
            _exportedBytes[day] = _exportedBytes.GetValueOrDefault(day) + job.File!.Length;
            job.FileRemoved = Faults?.TakeLostFile() == true;
            _statistics.RecordExportCompleted();
        }

        Log.ExportStateChanged(_logger, job.Id, job.State);
    }

    /// <summary>Writes the job as Marketo's <c>ExportResponse</c>: members appear as the job reaches them.</summary>
    private JsonObject ToJson(ExportJob job, bool includeProgress = true)
    {
        var json = new JsonObject
        {
            ["exportId"] = job.Id,
            ["format"] = job.Definition.Format,
            ["status"] = job.State.ToString(),
            ["createdAt"] = FormatTime(job.CreatedAt),
        };
        if (!includeProgress)
        {
            return json;
        }

        AddTime(json, "queuedAt", job.QueuedAt);
        AddTime(json, "startedAt", job.StartedAt);
        AddTime(json, "finishedAt", job.FinishedAt);
        if (job.State == ExportState.Completed)
        {
            json["numberOfRecords"] = job.Records;
            json["fileSize"] = (long)job.File!.Length;
            json["fileChecksum"] = job.Checksum;
        }

        if (job.State == ExportState.Failed)
        {
            json["errorMsg"] = job.ErrorMessage;
        }

        return json;
    }

    private void AddTime(JsonObject json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json[name] = FormatTime(time);
        }
    }

    private string FormatTime(DateTimeOffset time) =>
        _options.ExportTimesWithMilliseconds
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : Timestamps.Utc(time);
}
