using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace Marketo.Extract.Bench.Decode;

/// <summary>
/// Compares the typed activity decode of two builds of the library in one process, so that both see the same
/// machine at the same moments. It measures changes smaller than the decode command's run-to-run spread.
/// </summary>
/// <remarks>
/// Each build is a folder with <c>Marketo.Extract.Bench.Runner</c> built against one version of the library. Both
/// load into their own <see cref="AssemblyLoadContext"/>. Each round runs the ceiling, the two builds (in the order
/// ABBA over consecutive rounds) and the ceiling again, and gives the ratio of B's processor time to A's. Two builds
/// of the same code gave medians of 0.991 and 1.002 in runs of 24 rounds on the machine of bench/README.md.
/// </remarks>
internal static class CompareCommand
{
    public static Task<int> RunAsync(BenchArguments arguments)
    {
        var folders = arguments.Positional;
        if (folders.Count != 2)
        {
            throw new FormatException(
                "compare needs two folders of Marketo.Extract.Bench.Runner builds, A then B; see bench/README.md.");
        }

        // An even number of rounds gives each build as many first places as second ones.
        var rounds = arguments.GetInt32("rounds", 24);
        var path = Path.Combine(BenchPaths.DataFolder(arguments), $"activities-{arguments.GetInt32("activity-rows", 600_000)}.csv");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist; run 'decode --export activities' once to generate it.");
        }

        var a = LoadBuild(folders[0], path);
        var b = LoadBuild(folders[1], path);
        var bytes = File.ReadAllBytes(path);
        double Ceiling() => Measure(() => SepReference.Walk(new MemoryStream(bytes, false), SepWalk.UnescapedSpans));

        // One run of each first, so that no round includes compiling.
        Ceiling();
        a();
        b();
        var ratios = new List<double>();
        var ceilingOverA = new List<double>();
        var ceilingOverB = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var before = Ceiling();
            double timeA, timeB;
            if (round % 2 == 0)
            {
                timeA = a();
                timeB = b();
            }
            else
            {
                timeB = b();
                timeA = a();
            }

            var ceiling = (before + Ceiling()) / 2;
            ratios.Add(timeB / timeA);
            ceilingOverA.Add(ceiling / timeA);
            ceilingOverB.Add(ceiling / timeB);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"round {round + 1}, processor time: ceiling {ceiling:F3} s, A {timeA:F3} s, B {timeB:F3} s, "
                + $"B/A {timeB / timeA:F3}"));
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"typed decode / ceiling (processor): A {PairedRatio.Median(ceilingOverA):P1}, B {PairedRatio.Median(ceilingOverB):P1}; "
            + $"B/A time: median {PairedRatio.Median(ratios):F3} (lowest {ratios.Min():F3}, highest {ratios.Max():F3})"));
        return Task.FromResult(0);
    }

    /// <summary>Loads one runner build and returns its decode, after its setup.</summary>
    private static Func<double> LoadBuild(string folder, string exportPath)
    {
        var runnerPath = Path.Combine(Path.GetFullPath(folder), "Marketo.Extract.Bench.Runner.dll");
        if (!File.Exists(runnerPath))
        {
            throw new FileNotFoundException($"'{runnerPath}' does not exist; build Marketo.Extract.Bench.Runner into that folder.");
        }

        var context = new BuildLoadContext(Path.GetDirectoryName(runnerPath)!);
        var runner = context.LoadFromAssemblyPath(runnerPath).GetType("Marketo.Extract.Bench.Runner.DecodeRunner", throwOnError: true)!;
        runner.GetMethod("Setup")!.Invoke(null, [exportPath]);
        return runner.GetMethod("DecodeActivities")!.CreateDelegate<Func<double>>();
    }

    private static double Measure(Func<long> work)
    {
        var start = Environment.CpuUsage.TotalTime;
        work();
        return (Environment.CpuUsage.TotalTime - start).TotalSeconds;
    }

    /// <summary>
    /// Loads a build's own assemblies from its folder and leaves the framework, and anything the folder lacks, to the
    /// default context.
    /// </summary>
    private sealed class BuildLoadContext(string folder) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
