using Marketo.Extract.Records;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Bench.Runner;

/// <summary>
/// Decodes the bench's activity export into typed records with the version of the library this assembly was built
/// against, for the compare command, which loads two builds of it into one process.
/// </summary>
public static class DecodeRunner
{
    private static IReadOnlyDictionary<int, RecordSchema>? s_schemas;
    private static byte[]? s_bytes;

    /// <summary>Reads the export into memory and builds the activity schemas from the emulator's activity types.</summary>
    /// <param name="activityExportPath">The activity export that the decode command generated.</param>
    public static void Setup(string activityExportPath)
    {
        var emulator = new MarketoEmulator(new MarketoEmulatorOptions { Seed = 42, LeadCount = 1_000, ActivityCount = 10 });
        using var http = new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress };
        var client = new MarketoClient(
            http,
            new MarketoClientOptions
            {
                BaseAddress = emulator.BaseAddress,
                ClientId = emulator.ClientId,
                ClientSecret = emulator.ClientSecret,
            });
        var types = Task.Run(() => client.GetActivityTypesAsync()).GetAwaiter().GetResult();
        s_schemas = RecordSchema.ForActivityTypes(types);
        s_bytes = File.ReadAllBytes(activityExportPath);
    }

    /// <summary>Decodes the export once and returns the processor time it took, in seconds.</summary>
    /// <returns>The processor seconds of this process during the decode.</returns>
    public static double DecodeActivities()
    {
        var schemas = s_schemas ?? throw new InvalidOperationException("Call Setup before DecodeActivities.");
        var start = Environment.CpuUsage.TotalTime;
        Task.Run(async () =>
        {
            long rows = 0;
            await foreach (var record in new ExportCsvDecoder().ReadActivitiesAsync(new MemoryStream(s_bytes!, false), schemas)
                .ConfigureAwait(false))
            {
                rows++;
            }

            return rows;
        }).GetAwaiter().GetResult();
        return (Environment.CpuUsage.TotalTime - start).TotalSeconds;
    }
}
