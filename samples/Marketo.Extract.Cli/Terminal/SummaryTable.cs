using System.Globalization;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Terminal;

/// <summary>Writes the table that ends a sync: records per stream, then calls, export jobs, bytes and time.</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter output, ExtractSummary summary, IReadOnlyDictionary<string, string> files)
    {
        var rows = summary.RecordsPerStream.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var streamWidth = Math.Max("Stream".Length, rows.Count == 0 ? 0 : rows.Max(row => row.Key.Length));
        var countWidth = Math.Max("Records".Length, Format(summary.TotalRecords).Length);
        var rule = new string('-', streamWidth + countWidth + 4);

        output.WriteLine();
        output.WriteLine($"{"Stream".PadRight(streamWidth)}  {"Records".PadLeft(countWidth)}  File");
        output.WriteLine(rule);
        foreach (var (stream, count) in rows)
        {
            output.WriteLine($"{stream.PadRight(streamWidth)}  {Format(count).PadLeft(countWidth)}  {files.GetValueOrDefault(stream)}");
        }

        output.WriteLine(rule);
        output.WriteLine($"{"Total".PadRight(streamWidth)}  {Format(summary.TotalRecords).PadLeft(countWidth)}");
        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"API calls: {summary.ApiCalls:N0}   export jobs: {summary.ExportJobsCreated} created, " +
            $"{summary.ExportJobsResumed} resumed   downloaded: {Bytes(summary.BytesDownloaded)}   " +
            $"elapsed: {summary.Elapsed.TotalSeconds:0.0} s"));
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };
}
