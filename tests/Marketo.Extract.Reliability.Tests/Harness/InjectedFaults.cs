using Marketo.Extract.Testing;

namespace Marketo.Extract.Reliability.Tests.Harness;

/// <summary>
/// Builds emulator call matches that fire on chosen calls and count how often they fired, so a test can report
/// exactly how many faults reached the client.
/// </summary>
internal sealed class InjectedFaults
{
    private int _injected;

    public int Count => Volatile.Read(ref _injected);

    /// <summary>
    /// Fires on the API calls (identity excluded) whose 1-based number among the calls that pass
    /// <paramref name="filter"/> falls in one of the bursts.
    /// </summary>
    public EmulatorCallMatch Bursts(IReadOnlyList<(int First, int Length)> bursts, Func<EmulatorCall, bool>? filter = null)
    {
        var seen = 0;
        return new EmulatorCallMatch
        {
            Predicate = call =>
            {
                if (filter is not null && !filter(call))
                {
                    return false;
                }

                // The emulator runs predicates under its fault lock, so the counters need no further locking.
                seen++;
                var fires = bursts.Any(burst => seen >= burst.First && seen < burst.First + burst.Length);
                _injected += fires ? 1 : 0;
                return fires;
            },
        };
    }

    /// <summary>Fires on the first request for each of the first <paramref name="files"/> export files.</summary>
    public EmulatorCallMatch FirstRequestOfFiles(int files)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        return new EmulatorCallMatch
        {
            Predicate = call =>
            {
                if (!IsFileDownload(call) || paths.Count >= files || !paths.Add(call.Path))
                {
                    return false;
                }

                _injected++;
                return true;
            },
        };
    }

    public void Add(int count) => Interlocked.Add(ref _injected, count);

    public static bool IsFileDownload(EmulatorCall call) =>
        call.Endpoint is EmulatorEndpoints.LeadExportFile or EmulatorEndpoints.ActivityExportFile;

    public static bool IsExportStatus(EmulatorCall call) =>
        call.Endpoint is EmulatorEndpoints.LeadExportStatus or EmulatorEndpoints.ActivityExportStatus;
}
