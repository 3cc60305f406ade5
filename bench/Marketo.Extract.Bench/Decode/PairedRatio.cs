using System.Globalization;

namespace Marketo.Extract.Bench.Decode;

/// <summary>
/// The ratio of two pieces of work measured in alternation, one pair of runs at a time, so that a burst of load from
/// other processes falls on both sides of a pair instead of on one measurement.
/// </summary>
/// <remarks>
/// Each pair runs the reference and the measured work back to back, in the order ABBA over consecutive pairs, and
/// gives one ratio of reference time to measured time. The median of those ratios is the figure; the lowest and
/// highest show how far the machine moved it.
/// </remarks>
internal sealed class PairedRatio
{
    private readonly List<double> _wall = [];
    private readonly List<double> _processor = [];

    private PairedRatio()
    {
    }

    public int Pairs => _wall.Count;

    public static async Task<PairedRatio> RunAsync(Func<Task<long>> reference, Func<Task<long>> measured, int pairs)
    {
        var ratio = new PairedRatio();

        // One run of each first, so that neither side's first pair includes compiling it.
        await reference();
        await measured();
        for (var pair = 0; pair < pairs; pair++)
        {
            TimedRun referenceRun, measuredRun;
            if (pair % 2 == 0)
            {
                referenceRun = await Measurement.TimeAsync(reference);
                measuredRun = await Measurement.TimeAsync(measured);
            }
            else
            {
                measuredRun = await Measurement.TimeAsync(measured);
                referenceRun = await Measurement.TimeAsync(reference);
            }

            ratio._wall.Add(referenceRun.Wall / measuredRun.Wall);
            ratio._processor.Add(referenceRun.Processor / measuredRun.Processor);
        }

        return ratio;
    }

    public string DescribeWall() => Describe(_wall);

    public string DescribeProcessor() => Describe(_processor);

    private static string Describe(List<double> ratios) => string.Create(
        CultureInfo.InvariantCulture,
        $"median {Median(ratios):P0} (lowest {ratios.Min():P0}, highest {ratios.Max():P0})");

    /// <summary>Returns the median of the values.</summary>
    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
