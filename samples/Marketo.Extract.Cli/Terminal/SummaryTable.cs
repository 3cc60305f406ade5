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
        string Row(string stream, string count, string? file) =>
            $"{stream.PadRight(streamWidth)}  {count.PadLeft(countWidth)}  {file}".TrimEnd();

        var header = Row("Stream", "Records", "File");
        var lines = rows.Select(row => Row(row.Key, Format(row.Value), files.GetValueOrDefault(row.Key))).ToList();
        var total = Row("Total", Format(summary.TotalRecords), null);
        var rule = new string('-', lines.Append(header).Append(total).Max(line => line.Length));

        output.WriteLine();
        output.WriteLine(header);
        output.WriteLine(rule);
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        output.WriteLine(rule);
        output.WriteLine(total);
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
