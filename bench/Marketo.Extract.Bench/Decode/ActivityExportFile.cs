using Marketo.Extract.Bulk;
using Marketo.Extract.Models;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Bench.Decode;

/// <summary>
/// Writes an activity export with the emulator's own export path, so the file has Marketo's columns and the
/// emulator's attribute JSON (typed values, display names, awkward text), and reads the matching activity types.
/// </summary>
internal static class ActivityExportFile
{
    private static readonly string[] Fields =
    [
        "marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId", "primaryAttributeValueId",
        "primaryAttributeValue", "attributes",
    ];

    public static async Task<(string Path, IReadOnlyList<ActivityType> Types)> EnsureAsync(string dataFolder, int rows)
    {
        var path = Path.Combine(dataFolder, $"activities-{rows}.csv");
        var generate = !File.Exists(path);
        await using var session = new EmulatorSession(CreateOptions(generate ? rows : 0), TimeProvider.System);
        var types = await session.Client.GetActivityTypesAsync();
        if (generate)
        {
            Console.WriteLine($"generating {path} with the emulator's bulk activity export ...");
            await ExportAsync(session, path);
        }

        return (path, types);
    }

    private static MarketoEmulatorOptions CreateOptions(int activities) => new()
    {
        Seed = 42,
        LeadCount = Math.Max(1_000, activities / 20),
        ActivityCount = activities,
        HistoryDays = 30,
        CampaignCount = 50,
        StaticListCount = 50,
        ProgramCount = 50,
        ExportProcessingTime = TimeSpan.Zero,
        ExportProcessingTimePerMegabyte = TimeSpan.Zero,
        ExportStatusCadence = TimeSpan.Zero,
        DailyExportQuotaBytes = long.MaxValue,
    };

    private static async Task ExportAsync(EmulatorSession session, string path)
    {
        var dataset = session.Emulator.Dataset;
        var request = new ActivityExportRequest
        {
            CreatedAt = new DateTimeRange(dataset.Start, dataset.End),
            Fields = Fields,
        };
        var options = new BulkExportOptions { PollInterval = TimeSpan.FromMilliseconds(50) };
        var job = await BulkExportJob.StartAsync(session.Client, request, options);
        await job.WaitForCompletionAsync();
        await using var file = await job.OpenReadAsync();
        await using (var output = File.Create(path + ".tmp"))
        {
            await file.CopyToAsync(output);
        }

        File.Move(path + ".tmp", path);
    }
}
