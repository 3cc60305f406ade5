using System.Diagnostics;

namespace Marketo.Extract.Bench.Decode;

/// <summary>The timings of one piece of work over one file, repeated, with the allocation of its last run.</summary>
internal sealed class Measurement(string name, long bytes)
{
    private readonly List<TimeSpan> _times = [];
    private readonly List<TimeSpan> _processorTimes = [];

    public string Name { get; } = name;

    public long Bytes { get; } = bytes;

    public long Rows { get; private set; }

    public long AllocatedBytes { get; private set; }

    /// <summary>Gets the median time of the runs, the figure every ratio is computed from.</summary>
    public TimeSpan Median => _times.Order().ElementAt(_times.Count / 2);

    public TimeSpan Best => _times.Min();

    /// <summary>
    /// Gets the median processor time (user and kernel, all threads) of the runs, which other processes on a
    /// shared machine disturb far less than the wall time.
    /// </summary>
    public TimeSpan ProcessorMedian => _processorTimes.Order().ElementAt(_processorTimes.Count / 2);

    public double ProcessorMegabytesPerSecond => Bytes / 1e6 / ProcessorMedian.TotalSeconds;

    public double MegabytesPerSecond => Bytes / 1e6 / Median.TotalSeconds;

    public double RowsPerSecond => Rows / Median.TotalSeconds;

    /// <summary>Runs the work once to let the JIT reach its optimized tier, then <paramref name="repeat"/> timed runs.</summary>
    public static async Task<Measurement> RunAsync(string name, long bytes, int repeat, Func<Task<long>> work)
    {
        var measurement = new Measurement(name, bytes);
        await work();
        for (var i = 0; i < repeat; i++)
        {
            var run = await TimeAsync(work);
            measurement.Rows = run.Rows;
            measurement.AllocatedBytes = run.AllocatedBytes;
            measurement._times.Add(run.Wall);
            measurement._processorTimes.Add(run.Processor);
        }

        return measurement;
    }

    /// <summary>Runs the work once, after a full garbage collection, and measures it.</summary>
    public static async Task<TimedRun> TimeAsync(Func<Task<long>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var processorBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var rows = await work();
        watch.Stop();
        return new TimedRun(
            watch.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - processorBefore,
            rows,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    public static Measurement FromSingleRun(string name, long bytes, long rows, TimeSpan elapsed, TimeSpan processorTime)
    {
        var measurement = new Measurement(name, bytes) { Rows = rows };
        measurement._times.Add(elapsed);
        measurement._processorTimes.Add(processorTime);
        return measurement;
    }
}

/// <summary>The wall time, processor time, rows and allocated bytes of one run.</summary>
internal readonly record struct TimedRun(TimeSpan Wall, TimeSpan Processor, long Rows, long AllocatedBytes);
