using System.Diagnostics;
using System.Globalization;
using Marketo.Extract.Bulk;
using Marketo.Extract.Models;
using Marketo.Extract.Streams;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Bench.Economy;

/// <summary>
/// Compares the export jobs, API calls, status polls and wall time of <see cref="MarketoExtractor"/> with the
/// naive plan (one job per activity type per window, one job at a time) on the same emulator workload, with
/// Marketo's job timings sped up by a time scale.
/// </summary>
internal static class EconomyCommand
{
    private static readonly TimeSpan ProcessingTime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProcessingTimePerMegabyte = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        MachineInfo.Print();
        var typeCounts = arguments.GetInt32List("types", [10, 20, 40]);
        var windows = arguments.GetInt32("windows", 3);
        var scale = arguments.GetInt32("scale", 60);
        var activities = arguments.GetInt32("activities", 50_000);
        var timeline = arguments.Has("timeline");
        var skipNaive = arguments.Has("skip-naive");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            emulator: {activities:N0} activities over {windows * 30} days, 2 processing slots, processing
            {ProcessingTime.TotalSeconds:F0} s + {ProcessingTimePerMegabyte.TotalSeconds:F0} s per MiB, status changes every {Cadence.TotalSeconds:F0} s;
            time runs {scale}x faster than Marketo's, and times below are in Marketo seconds (measured x {scale})

            """));

        var results = new List<string>();
        foreach (var types in typeCounts)
        {
            var workload = new Workload(types, windows, scale, activities);
            var extractor = await RunPlanAsync(workload, naive: false, timeline);
            var naive = skipNaive ? null : await RunPlanAsync(workload, naive: true, timeline: false);
            results.Add(extractor.ToRow(naive));
            if (naive is not null)
            {
                results.Add(naive.ToRow(null));
            }
        }

        Console.WriteLine("| plan | types | windows | export jobs | API calls | status polls | records | wall (Marketo s) | ideal (s) | wall / ideal | jobs vs naive |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        results.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task<PlanResult> RunPlanAsync(Workload workload, bool naive, bool timeline)
    {
        var recorder = timeline ? new JobTimeline(TimeProvider.System, workload.Scale) : null;
        await using var session = new EmulatorSession(
            CreateEmulatorOptions(workload), TimeProvider.System, timeScale: workload.Scale, recorder: recorder);
        var types = await SelectTypesAsync(session.Client, workload.Types);
        workload = workload with { Types = types.Count };
        var end = session.Emulator.Dataset.End;
        var start = end - TimeSpan.FromDays(30 * workload.Windows) + TimeSpan.FromHours(1);
        session.Emulator.Statistics.Reset();
        var callsBefore = session.Client.Statistics.ApiCalls;

        recorder?.Start();
        var watch = Stopwatch.StartNew();
        var records = naive
            ? await NaivePlan.RunAsync(session.Client, types, start, end, workload)
            : await RunExtractorAsync(session.Client, types, start, workload, recorder);
        var elapsed = watch.Elapsed;
        var wall = elapsed * workload.Scale;

        var statistics = session.Emulator.Statistics;
        var jobs = await ListJobsAsync(session.Client);
        if (recorder is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timeline of {workload.Types} types, in Marketo seconds:"));
            recorder.Print(session.Emulator.GetExportJobs(), elapsed, IdealMakespan(jobs) / workload.Scale);
        }

        return new PlanResult(
            naive ? "naive" : "MarketoExtractor",
            workload,
            statistics.ExportsCreated,
            session.Client.Statistics.ApiCalls - callsBefore,
            statistics.StatusPolls,
            records,
            wall,
            IdealMakespan(jobs));
    }

    private static MarketoEmulatorOptions CreateEmulatorOptions(Workload workload) => new()
    {
        Seed = 3,
        LeadCount = 2_000,
        ActivityCount = workload.Activities,
        HistoryDays = 30 * workload.Windows,
        CampaignCount = 20,
        StaticListCount = 20,
        ProgramCount = 20,
        ExportProcessingTime = ProcessingTime / workload.Scale,
        ExportProcessingTimePerMegabyte = ProcessingTimePerMegabyte / workload.Scale,
        ExportStatusCadence = Cadence / workload.Scale,

        // Marketo's whole seconds are 1/60 of its cadence; at a time scale the emulator keeps that resolution.
        ExportTimesWithMilliseconds = true,
        RateLimitWindow = TimeSpan.FromSeconds(20) / workload.Scale,
        DailyExportQuotaBytes = long.MaxValue,
        DailyCallQuota = int.MaxValue,
    };

    private static async Task<IReadOnlyList<ActivityType>> SelectTypesAsync(MarketoClient client, int count)
    {
        var types = (await client.GetActivityTypesAsync()).Where(type => type.Id != 37).ToList();
        if (types.Count < count)
        {
            Console.WriteLine($"note: the emulator has {types.Count} exportable activity types, not {count}; using all of them.");
        }

        return [.. types.Take(count)];
    }

    private static async Task<long> RunExtractorAsync(
        IMarketoClient client,
        IReadOnlyList<ActivityType> types,
        DateTimeOffset start,
        Workload workload,
        IProgress<BulkExportProgress>? progress)
    {
        var bulk = NaivePlan.CreateBulkOptions(workload.Scale);
        bulk.Progress = progress;
        var options = new MarketoExtractOptions { StartDate = start, WindowInDays = 30, Bulk = bulk };
        var extractor = new MarketoExtractor(client, new InMemoryCursorStore(), options);
        var streams = (await extractor.DiscoverAsync())
            .Where(stream => stream.ActivityTypeId is { } id && types.Any(type => type.Id == id))
            .Select(stream => stream.Id)
            .ToList();
        long records = 0;
        await foreach (var record in extractor.ReadAsync(streams))
        {
            records++;
        }

        return records;
    }

    private static async Task<List<BulkExportJobInfo>> ListJobsAsync(MarketoClient client)
    {
        var jobs = new List<BulkExportJobInfo>();
        await foreach (var job in client.ListExportsAsync(BulkExportObject.Activities, [BulkExportStatus.Completed]))
        {
            jobs.Add(job);
        }

        return jobs;
    }

    /// <summary>
    /// The minimum time Marketo's 2 processing slots need for these jobs: each job takes the emulator's processing
    /// time for its file size, rounded up to the status cadence because jobs start and finish on its boundaries,
    /// and the jobs are placed in creation order on whichever slot frees first.
    /// </summary>
    private static TimeSpan IdealMakespan(IEnumerable<BulkExportJobInfo> jobs)
    {
        var slots = new TimeSpan[2];
        foreach (var job in jobs.OrderBy(job => job.CreatedAt))
        {
            var megabytes = (job.FileSize ?? 0) / (1024.0 * 1024);
            var processing = ProcessingTime + (ProcessingTimePerMegabyte * megabytes);
            var steps = Math.Ceiling(processing / Cadence);
            var free = slots[0] <= slots[1] ? 0 : 1;
            slots[free] += Cadence * steps;
        }

        return slots.Max();
    }
}

/// <summary>The activity types, windows and speed of one comparison.</summary>
internal sealed record Workload(int Types, int Windows, int Scale, int Activities);

/// <summary>What one plan cost on one workload.</summary>
internal sealed record PlanResult(
    string Plan, Workload Workload, long ExportJobs, long ApiCalls, long StatusPolls, long Records, TimeSpan Wall, TimeSpan Ideal)
{
    public string ToRow(PlanResult? naive)
    {
        var fewer = naive is null ? "-" : $"{naive.ExportJobs / (double)ExportJobs:F1}x fewer";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {Plan} | {Workload.Types} | {Workload.Windows} | {ExportJobs} | {ApiCalls} | {StatusPolls} | {Records:N0} "
            + $"| {Wall.TotalSeconds:F0} | {Ideal.TotalSeconds:F0} | {Wall / Ideal:F2} | {fewer} |");
    }
}
