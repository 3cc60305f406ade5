using Marketo.Extract.Bench;
using Marketo.Extract.Bench.Decode;
using Marketo.Extract.Bench.Economy;
using Marketo.Extract.Bench.Memory;

// Prints the figures of bench/README.md. Each command measures in one run, so its ratios compare like with like.
const string Usage = """
    usage: Marketo.Extract.Bench <command> [options]

    commands:
      decode   decode throughput of a lead and an activity export next to Sep and the Python baseline
               --lead-rows N (205000)  --activity-rows N (600000)  --repeat N (3)  --skip-python
               --pairs N (9: interleaved ceiling and typed runs for the typed/ceiling ratio)
               --only TEXT (run only the measurements whose name contains TEXT; 'paired' for the pairs)
               --export leads|activities (measure only that export; default both)
      compare  typed activity decode of two builds of the library, alternated in one process
               A B (folders of Marketo.Extract.Bench.Runner builds)  --rounds N (24)
      memory   peak working set while a large export streams through download, decoder and JSON Lines
               --size-mb N (1200)
      economy  export jobs, API calls, polls and wall time of the extractor next to the naive plan
               --types 10,20,40  --windows N (3)  --scale N (60)  --activities N (50000)
               --timeline (print when each job of the extractor moved on)  --skip-naive
      serve    (used by memory) serve one file over HTTP on 127.0.0.1 with Range support

    common options:
      --data DIR   where generated files go (default: artifacts/bench under the repository root)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = BenchArguments.Parse(args.AsSpan(1));
    return args[0] switch
    {
        "decode" => await DecodeCommand.RunAsync(options),
        "compare" => await CompareCommand.RunAsync(options),
        "memory" => await MemoryCommand.RunAsync(options),
        "economy" => await EconomyCommand.RunAsync(options),
        "serve" => await FileServer.RunAsync(options),
        _ => throw new FormatException($"Unknown command '{args[0]}'; use decode, compare, memory or economy."),
    };
}
catch (FormatException e)
{
    Console.Error.WriteLine($"Marketo.Extract.Bench: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (FileNotFoundException e)
{
    // A missing script, export or build is not a mistake in the command line, so the usage would not help.
    Console.Error.WriteLine($"Marketo.Extract.Bench: {e.Message}");
    return 2;
}
