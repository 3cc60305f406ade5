using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Marketo.Extract.Bulk;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Bench.Economy;

/// <summary>
/// Records when each export job of a run moved on: on the emulator (created, enqueued, started, finished, from its
/// exact job records) and in the client (status reads, when it saw the job completed, when its download started and
/// ended), and prints them in Marketo seconds since the run started.
/// </summary>
internal sealed partial class JobTimeline : DelegatingHandler, IProgress<BulkExportProgress>
{
    private readonly TimeProvider _clock;
    private readonly int _scale;
    private readonly ConcurrentQueue<(DateTimeOffset At, string Call, string? ExportId)> _calls = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _observed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _downloaded = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset _start;

    public JobTimeline(TimeProvider clock, int scale)
    {
        _clock = clock;
        _scale = scale;
    }

    /// <summary>Sets the moment every time is measured from: the start of the plan, after the emulator is built.</summary>
    public void Start() => _start = _clock.GetUtcNow();

    public void Report(BulkExportProgress value)
    {
        var now = _clock.GetUtcNow();
        if (value.State == BulkExportJobState.Completed)
        {
            _observed.TryAdd(value.ExportId, now);
        }

        if (value.TotalBytes is { } total && value.BytesDownloaded == total)
        {
            _downloaded.TryAdd(value.ExportId, now);
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var match = ExportPath().Match(path);
        if (match.Success)
        {
            var exportId = match.Groups["id"].Success ? match.Groups["id"].Value : null;
            var call = match.Groups["call"].Success ? match.Groups["call"].Value : "list";
            _calls.Enqueue((_clock.GetUtcNow(), call, exportId));
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Prints one row per job of the run, the status reads, and where the time between the ideal and the wall went.</summary>
    public void Print(IReadOnlyList<EmulatedExportJob> jobs, TimeSpan wall, TimeSpan ideal)
    {
        var run = jobs.Where(job => job.CreatedAt >= _start).OrderBy(job => job.CreatedAt).ToList();
        if (run.Count == 0)
        {
            return;
        }

        var calls = _calls.ToArray();
        Console.WriteLine("| job | MiB | created | enqueued | started | finished | seen completed | download start | download end |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < run.Count; i++)
        {
            var job = run[i];
            var download = calls.FirstOrDefault(call => call.Call == "file" && call.ExportId == job.ExportId).At;
            var mebibytes = ((job.FileSize ?? 0) / 1048576.0).ToString("F2", CultureInfo.InvariantCulture);
            Console.WriteLine(
                $"| {i + 1} | {mebibytes} | {Since(job.CreatedAt)} | {Since(job.QueuedAt)} " +
                $"| {Since(job.StartedAt)} | {Since(job.FinishedAt)} | {Since(_observed.GetValueOrDefault(job.ExportId))} " +
                $"| {Since(download)} | {Since(_downloaded.GetValueOrDefault(job.ExportId))} |");
        }

        var polls = calls.Where(call => call.Call is "status" or "list").Select(call => $"{Since(call.At)} {call.Call}");
        Console.WriteLine($"status reads: {string.Join(", ", polls)}");
        PrintBreakdown(run, wall, ideal);
        Console.WriteLine();
    }

    private void PrintBreakdown(List<EmulatedExportJob> run, TimeSpan wall, TimeSpan ideal)
    {
        var firstEnqueue = run.Min(job => job.QueuedAt) ?? _start;
        var firstStart = run.Min(job => job.StartedAt) ?? firstEnqueue;
        var lastFinish = run.Max(job => job.FinishedAt) ?? firstStart;
        var lastJob = run.First(job => job.FinishedAt == lastFinish);
        var seen = _observed.GetValueOrDefault(lastJob.ExportId);
        var downloadEnd = _downloaded.Values.DefaultIfEmpty(seen).Max();
        var idleSlots = (lastFinish - firstStart) - ideal;
        Console.WriteLine(
            $"wall {Seconds(wall)} = before the first enqueue {Seconds(firstEnqueue - _start)}"
            + $" + wait for the first status boundary {Seconds(firstStart - firstEnqueue)}"
            + $" + processing span {Seconds(lastFinish - firstStart)} (ideal {Seconds(ideal)}, slots idle {Seconds(idleSlots)})"
            + $" + last completion seen after {Seconds(seen - lastFinish)}"
            + $" + downloads and decoding after that {Seconds(downloadEnd - seen)}"
            + $" + the rest {Seconds(wall - (downloadEnd - _start))}");
    }

    private string Since(DateTimeOffset? time) =>
        time is { } value && value != default ? Seconds(value - _start) : "-";

    private string Seconds(TimeSpan elapsed) =>
        (elapsed * _scale).TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/bulk/v1/\w+/export(?:/(?<call>create)\.json|/(?<id>[0-9a-fA-F-]{36})/(?<call>\w+)\.json|\.json)$")]
    private static partial Regex ExportPath();
}
