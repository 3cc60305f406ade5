using System.Globalization;
using Marketo.Extract.Records;

namespace Marketo.Extract.Bench.Decode;

/// <summary>
/// Measures decode throughput on a generated lead export and an emulator activity export, next to Sep walks of the
/// same bytes and the Python baseline, all in one run.
/// </summary>
internal static class DecodeCommand
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        MachineInfo.Print();
        var data = BenchPaths.DataFolder(arguments);
        var repeat = arguments.GetInt32("repeat", 3);
        var pairs = arguments.GetInt32("pairs", 9);

        var export = arguments.GetString("export");
        if (export is not (null or "leads" or "activities"))
        {
            throw new FormatException($"--export is '{export}'; use leads or activities.");
        }

        var only = arguments.GetString("only");
        FileMeasurements? leads = null;
        var python = !arguments.Has("skip-python") && only is null;
        if (export is null or "leads")
        {
            // Only the lead export needs the Python scripts: one generates it, and the other is the baseline.
            var scripts = new PythonScripts(BenchPaths.FindScripts());
            var leadsPath = await scripts.EnsureLeadExportAsync(data, arguments.GetInt32("lead-rows", 205_000));
            var leadSchema = RecordSchema.ForLeads(await scripts.ReadLeadColumnsAsync());
            leads = new FileMeasurements("leads", leadsPath, data, repeat, pairs, only);
            await leads.MeasureAsync((decoder, csv) => decoder.ReadLeadsAsync(csv, leadSchema));
            if (python)
            {
                await leads.MeasurePythonAsync(scripts);
            }
        }

        FileMeasurements? activities = null;
        if (export is null or "activities")
        {
            var (activitiesPath, types) = await ActivityExportFile.EnsureAsync(
                data, arguments.GetInt32("activity-rows", 600_000));
            var activitySchemas = RecordSchema.ForActivityTypes(types);
            activities = new FileMeasurements("activities", activitiesPath, data, repeat, pairs, only);
            await activities.MeasureAsync((decoder, csv) => decoder.ReadActivitiesAsync(csv, activitySchemas));
        }

        Console.WriteLine();
        var pythonNote = python && leads is not null ? " (Python: one run)" : string.Empty;
        Console.WriteLine($"median of {repeat} runs after one warm-up run{pythonNote}; MB = 1,000,000 bytes of CSV input");
        Console.WriteLine();
        leads?.PrintTable();
        Console.WriteLine();
        activities?.PrintTable();
        return 0;
    }
}

/// <summary>The measurements of one export file.</summary>
internal sealed class FileMeasurements(
    string name, string path, string dataFolder, int repeat, int pairs, string? only)
{
    private readonly List<Measurement> _results = [];
    private Measurement? _ceiling;
    private Measurement? _typed;
    private Measurement? _jsonLinesFile;
    private Measurement? _jsonLinesNull;
    private Measurement? _jsonLinesFileTwoThreads;
    private Measurement? _python;
    private PairedRatio? _paired;
    private byte[] _bytes = [];

    public async Task MeasureAsync(Func<ExportCsvDecoder, Stream, IAsyncEnumerable<MarketoRecord>> read)
    {
        _bytes = await File.ReadAllBytesAsync(path);
        Console.WriteLine($"{name}: {path}, {_bytes.Length:N0} bytes");

        await AddAsync("Sep, raw span of every cell (no unescaping)", () => Sep(SepWalk.RawSpans));
        _ceiling = await AddAsync("Sep, unescaped span of every cell (ceiling)", () => Sep(SepWalk.UnescapedSpans));
        await AddAsync("Sep, string of every cell", () => Sep(SepWalk.Strings));
        _typed = await AddAsync("ExportCsvDecoder, typed records", () => CountAsync(read));
        if (only is null || "paired".Contains(only, StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"  typed decode / ceiling, {pairs} interleaved pairs ...");
            _paired = await PairedRatio.RunAsync(() => Sep(SepWalk.UnescapedSpans), () => CountAsync(read), pairs);
            Console.WriteLine($"  typed decode / ceiling, interleaved: processor {_paired.DescribeProcessor()}, wall {_paired.DescribeWall()}");
        }

        var output = Path.Combine(dataFolder, $"{name}.jsonl");
        _jsonLinesFile = await AddAsync("decode + JSON Lines to a file", () => WriteJsonLinesAsync(read, output));
        File.Delete(output);
        _jsonLinesNull = await AddAsync("decode + JSON Lines to Stream.Null", () => WriteJsonLinesAsync(read, null));
        _jsonLinesFileTwoThreads = await AddAsync(
            "decode + JSON Lines to a file, WriteAllAsync on two threads", () => WriteAllAsync(read, output));
        File.Delete(output);
        await AddAsync("decode + JSON Lines to Stream.Null, WriteAllAsync on two threads", () => WriteAllAsync(read, null));
    }

    public async Task MeasurePythonAsync(PythonScripts scripts)
    {
        var output = Path.Combine(dataFolder, $"{name}.py.jsonl");
        Console.WriteLine($"  running py_baseline.py on {name} ...");
        var (wall, processor) = await scripts.RunBaselineAsync(path, output);
        File.Delete(output);
        _python = Measurement.FromSingleRun(
            "Python baseline (py_baseline.py) to a file", _bytes.Length, _typed!.Rows, wall, processor);
        _results.Add(_python);
        Console.WriteLine($"  {_python.Name}: {wall.TotalSeconds:F1} s, processor {processor.TotalSeconds:F1} s");
    }

    public void PrintTable()
    {
        if (only is not null)
        {
            return;
        }

        Console.WriteLine($"{name} ({_bytes.Length / 1e6:F0} MB, {_typed!.Rows:N0} rows)");
        Console.WriteLine();
        Console.WriteLine("| measurement | MB/s (wall) | MB/s (processor) | rows/s (wall) | allocated/row |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var result in _results)
        {
            var allocated = result == _python ? "-" : $"{result.AllocatedBytes / (double)result.Rows:N0} B";
            Console.WriteLine(
                $"| {result.Name} | {result.MegabytesPerSecond:F1} | {result.ProcessorMegabytesPerSecond:F1} "
                + $"| {result.RowsPerSecond:N0} | {allocated} |");
        }

        Console.WriteLine();
        PrintRatio("typed decode / ceiling", _typed, _ceiling!, "P0", ">= 50%");
        if (_paired is not null)
        {
            Console.WriteLine(
                $"typed decode / ceiling, {_paired.Pairs} interleaved pairs: processor {_paired.DescribeProcessor()}, "
                + $"wall {_paired.DescribeWall()} (target >= 50%)");
        }

        if (_python is not null)
        {
            PrintRatio("decode + JSON Lines to a file / Python", _jsonLinesFile!, _python, "F1", ">= 6x");
            PrintRatio("decode + JSON Lines to Stream.Null / Python", _jsonLinesNull!, _python, "F1", ">= 6x");
            PrintRatio(
                "decode + JSON Lines to a file, WriteAllAsync / Python", _jsonLinesFileTwoThreads!, _python, "F1", ">= 6x");
        }
    }

    private static void PrintRatio(string label, Measurement measured, Measurement reference, string format, string target)
    {
        var wall = reference.Median.TotalSeconds / measured.Median.TotalSeconds;
        var processor = reference.ProcessorMedian.TotalSeconds / measured.ProcessorMedian.TotalSeconds;
        var suffix = format == "P0" ? string.Empty : "x";
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label}: {wall.ToString(format, CultureInfo.InvariantCulture)}{suffix} wall, "
            + $"{processor.ToString(format, CultureInfo.InvariantCulture)}{suffix} processor (target {target})"));
    }

    private async Task<Measurement> AddAsync(string measurement, Func<Task<long>> work)
    {
        if (only is not null && !measurement.Contains(only, StringComparison.OrdinalIgnoreCase))
        {
            return Measurement.FromSingleRun(measurement, _bytes.Length, 1, TimeSpan.MaxValue, TimeSpan.MaxValue);
        }

        var result = await Measurement.RunAsync(measurement, _bytes.Length, repeat, work);
        _results.Add(result);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {measurement}: median {result.Median.TotalSeconds:F2} s, best {result.Best.TotalSeconds:F2} s, "
            + $"processor {result.ProcessorMedian.TotalSeconds:F2} s"));
        return result;
    }

    private Task<long> Sep(SepWalk walk) => Task.FromResult(SepReference.Walk(Open(), walk));

    private async Task<long> CountAsync(Func<ExportCsvDecoder, Stream, IAsyncEnumerable<MarketoRecord>> read)
    {
        long rows = 0;
        await foreach (var record in read(new ExportCsvDecoder(), Open()))
        {
            rows++;
        }

        return rows;
    }

    private async Task<long> WriteJsonLinesAsync(
        Func<ExportCsvDecoder, Stream, IAsyncEnumerable<MarketoRecord>> read, string? outputPath)
    {
        var output = outputPath is null ? Stream.Null : File.Create(outputPath);
        await using var writer = new JsonLinesWriter(output);
        await foreach (var record in read(new ExportCsvDecoder(), Open()))
        {
            await writer.WriteAsync(record);
        }

        return writer.RecordsWritten;
    }

    private async Task<long> WriteAllAsync(
        Func<ExportCsvDecoder, Stream, IAsyncEnumerable<MarketoRecord>> read, string? outputPath)
    {
        var output = outputPath is null ? Stream.Null : File.Create(outputPath);
        await using var writer = new JsonLinesWriter(output);
        return await writer.WriteAllAsync(read(new ExportCsvDecoder(), Open()));
    }

    private MemoryStream Open() => new(_bytes, writable: false);
}
