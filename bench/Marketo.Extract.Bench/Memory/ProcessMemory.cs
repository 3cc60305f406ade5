namespace Marketo.Extract.Bench.Memory;

/// <summary>The resident set of this process, read from <c>/proc/self/status</c>.</summary>
internal readonly record struct ProcessMemory(long Current, long Peak)
{
    /// <summary>Reads VmRSS (the working set now) and VmHWM (its peak since start or since <see cref="ResetPeak"/>).</summary>
    public static ProcessMemory Read()
    {
        long current = 0, peak = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = ParseKilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = ParseKilobytes(line);
            }
        }

        return new ProcessMemory(current, peak);
    }

    /// <summary>Sets VmHWM back to the current resident set (Linux 4.0 and later), so the peak covers what follows.</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static long ParseKilobytes(string line) =>
        long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
