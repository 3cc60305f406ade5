using Marketo.Extract.Bulk;
using Marketo.Extract.Models;
using Marketo.Extract.Records;

namespace Marketo.Extract.Bench.Economy;

/// <summary>
/// The plan a simple connector follows: one export job per activity type per window, one job at a time, each
/// created, enqueued, polled, downloaded and decoded before the next.
/// </summary>
internal static class NaivePlan
{
    private static readonly string[] Fields =
    [
        "marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId", "primaryAttributeValueId",
        "primaryAttributeValue", "attributes",
    ];

    /// <summary>The bulk options of both plans: the library's defaults with every delay divided by the time scale.</summary>
    public static BulkExportOptions CreateBulkOptions(int scale)
    {
        var defaults = new BulkExportOptions();
        return new BulkExportOptions
        {
            PollInterval = defaults.PollInterval / scale,
            JobTimeout = defaults.JobTimeout / scale,
            QueueFullRetryDelay = defaults.QueueFullRetryDelay / scale,
            DownloadResumeDelay = defaults.DownloadResumeDelay / scale,
            CancelTimeout = defaults.CancelTimeout / scale,
        };
    }

    public static async Task<long> RunAsync(
        IMarketoClient client, IReadOnlyList<ActivityType> types, DateTimeOffset start, DateTimeOffset end, Workload workload)
    {
        var schemas = RecordSchema.ForActivityTypes(types);
        var options = CreateBulkOptions(workload.Scale);
        var decoder = new ExportCsvDecoder();
        long records = 0;
        for (var windowStart = start; windowStart < end; windowStart += TimeSpan.FromDays(30))
        {
            var windowEnd = windowStart + TimeSpan.FromDays(30) < end ? windowStart + TimeSpan.FromDays(30) : end;
            foreach (var type in types)
            {
                var request = new ActivityExportRequest
                {
                    CreatedAt = new DateTimeRange(windowStart, windowEnd),
                    ActivityTypeIds = [type.Id],
                    Fields = Fields,
                };
                var job = await BulkExportJob.StartAsync(client, request, options);
                await job.WaitForCompletionAsync();
                await using var file = await job.OpenReadAsync();
                await foreach (var record in decoder.ReadActivitiesAsync(file, schemas))
                {
                    records++;
                }
            }
        }

        return records;
    }
}
