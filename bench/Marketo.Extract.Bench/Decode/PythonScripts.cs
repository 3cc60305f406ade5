using System.Diagnostics;
using System.Text.Json;
using Marketo.Extract.Models;

namespace Marketo.Extract.Bench.Decode;

/// <summary>Runs the shared Python scripts: the lead export generator, its column list, and the baseline.</summary>
internal sealed class PythonScripts(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>Writes the generated lead export of <paramref name="rows"/> rows, unless the file exists.</summary>
    public async Task<string> EnsureLeadExportAsync(string dataFolder, int rows)
    {
        var path = Path.Combine(dataFolder, $"leads-{rows}.csv");
        if (!File.Exists(path))
        {
            Console.WriteLine($"generating {path} with gen_leads_csv.py ...");
            await RunAsync("gen_leads_csv.py", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), path + ".tmp");
            File.Move(path + ".tmp", path);
        }

        return path;
    }

    /// <summary>Reads <c>COLUMNS</c> of the generator as the lead describe that matches its files.</summary>
    public async Task<IReadOnlyList<LeadField>> ReadLeadColumnsAsync()
    {
        var code = "import json, sys; sys.path.insert(0, sys.argv[1]); "
            + "from gen_leads_csv import COLUMNS; print(json.dumps(COLUMNS))";
        var output = await RunCodeAsync(code, Folder);
        var columns = JsonSerializer.Deserialize<string[][]>(output)
            ?? throw new InvalidOperationException("gen_leads_csv.py printed no COLUMNS.");
        return [.. columns.Select(c => new LeadField { Name = c[0], DataType = c[1], IsUpdateable = true })];
    }

    /// <summary>
    /// Runs <c>py_baseline.py</c> unchanged, through <c>runpy</c> so that the interpreter reports its own processor
    /// time, and returns the wall time (process start included) and that processor time.
    /// </summary>
    public async Task<(TimeSpan Wall, TimeSpan Processor)> RunBaselineAsync(string csvPath, string jsonLinesPath)
    {
        var code = "import resource, runpy, sys; sys.argv = sys.argv[1:]; "
            + "runpy.run_path(sys.argv[0], run_name='__main__'); "
            + "usage = resource.getrusage(resource.RUSAGE_SELF); print(usage.ru_utime + usage.ru_stime)";
        var watch = Stopwatch.StartNew();
        var output = await RunCodeAsync(code, Path.Combine(Folder, "py_baseline.py"), csvPath, jsonLinesPath);
        var wall = watch.Elapsed;
        var seconds = double.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return (wall, TimeSpan.FromSeconds(seconds));
    }

    private async Task RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}: {errors}");
        }
    }

    private static async Task<string> RunCodeAsync(string code, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"python3 failed with exit code {process.ExitCode}: {errors}");
    }
}
