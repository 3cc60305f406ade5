using System.Diagnostics;
using System.Globalization;
using Marketo.Extract.Bulk;
using Marketo.Extract.Bench.Decode;
using Marketo.Extract.Models;
using Marketo.Extract.Records;

namespace Marketo.Extract.Bench.Memory;

/// <summary>
/// Measures the peak working set while a large lead export streams end to end through the real path: HTTP download
/// with <see cref="MarketoClient"/>, the checksum-verified stream of <see cref="BulkExportJob"/>, the decoder and the
/// JSON Lines writer, to <see cref="Stream.Null"/>. The file is served from disk by a child process.
/// </summary>
internal static class MemoryCommand
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        MachineInfo.Print();
        var data = BenchPaths.DataFolder(arguments);
        var scripts = new PythonScripts(BenchPaths.FindScripts());
        var leadRows = arguments.GetInt32("lead-rows", 205_000);
        var source = await scripts.EnsureLeadExportAsync(data, leadRows);
        var schema = RecordSchema.ForLeads(await scripts.ReadLeadColumnsAsync());
        var (path, records) = BigLeadExport.Ensure(source, leadRows, arguments.GetInt32("size-mb", 1200) * 1_000_000L);
        var size = new FileInfo(path).Length;
        Console.WriteLine($"file: {path}, {size:N0} bytes, {records:N0} rows");

        using var server = await ChildServer.StartAsync(path, records);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = ProcessMemory.Read();
        ProcessMemory.ResetPeak();
        var (written, elapsed, samples) = await StreamAsync(server.BaseAddress, schema);
        var peak = ProcessMemory.Read();

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""
            streamed {{written:N0}} records ({{size / 1e6:F0}} MB) in {{elapsed.TotalSeconds:F1}} s, {{size / 1e6 / elapsed.TotalSeconds:F0}} MB/s

            | figure | MiB |
            |---|---:|
            | working set before streaming (runtime, client, schema) | {{Mib(baseline.Current)}} |
            | peak working set while streaming (VmHWM, reset before) | {{Mib(peak.Peak)}} |
            | peak above the baseline | {{Mib(peak.Peak - baseline.Current)}} |
            | working set at 10% / 50% / 90% of the rows | {{Mib(samples[0])}} / {{Mib(samples[1])}} / {{Mib(samples[2])}} |
            | file size | {{Mib(size)}} |

            peak above baseline / file size: {{(peak.Peak - baseline.Current) / (double)size:P2}} (target: flat, < 100 MiB above baseline)
            """));
        return 0;
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture);

    private static async Task<(long Written, TimeSpan Elapsed, long[] Samples)> StreamAsync(Uri baseAddress, RecordSchema schema)
    {
        using var http = new HttpClient();
        using var client = new MarketoClient(http, new MarketoClientOptions
        {
            BaseAddress = baseAddress,
            ClientId = "bench",
            ClientSecret = "bench-secret",
        });
        var watch = Stopwatch.StartNew();
        var job = BulkExportJob.FromExportId(client, BulkExportObject.Leads, FileServer.ExportId);
        await job.UpdateStatusAsync();
        var expected = job.Info.NumberOfRecords ?? 0;
        var samples = new long[3];
        await using var stream = await job.OpenReadAsync();
        await using var writer = new JsonLinesWriter(Stream.Null);
        await foreach (var record in new ExportCsvDecoder().ReadLeadsAsync(stream, schema))
        {
            await writer.WriteAsync(record);
            var written = writer.RecordsWritten;
            if (written == expected / 10 || written == expected / 2 || written == expected * 9 / 10)
            {
                samples[written == expected / 10 ? 0 : written == expected / 2 ? 1 : 2] = ProcessMemory.Read().Current;
            }
        }

        job.ReportRecordsRead(writer.RecordsWritten);
        return (writer.RecordsWritten, watch.Elapsed, samples);
    }
}
