using Marketo.Extract.Cli;

// The first SIGINT (Ctrl+C), SIGTERM or SIGQUIT stops the run cleanly; a second one ends the process at once.
using var signals = StopSignals.Register(Console.Out, Console.Error);
var exitCode = await CliApp.RunAsync(args, CliHost.FromConsole(), signals.Token);
return signals.ToExitCode(exitCode);
