using System.Runtime.InteropServices;

namespace Marketo.Extract.Bench;

/// <summary>Describes the machine the figures come from, as the README quotes it.</summary>
internal static class MachineInfo
{
    public static void Print()
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores (nproc), {CpuModel()}, {TotalMemory()} RAM");
        Console.WriteLine($"os:      {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        Console.WriteLine($".NET:    {RuntimeInformation.FrameworkDescription}, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine();
    }

    private static string CpuModel()
    {
        const string Key = "model name";
        if (!File.Exists("/proc/cpuinfo"))
        {
            return "unknown CPU";
        }

        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(Key, StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string TotalMemory()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{bytes / (1024.0 * 1024 * 1024):F1} GiB";
    }
}
