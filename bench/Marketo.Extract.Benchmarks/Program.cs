using BenchmarkDotNet.Running;

// Runs the micro-benchmarks, for example: dotnet run -c Release -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Marketo.Extract.Benchmarks.CsvFactory).Assembly).Run(args);
