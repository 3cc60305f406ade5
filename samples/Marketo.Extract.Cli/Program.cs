using Marketo.Extract.Cli;

// The first Ctrl+C stops the run cleanly (files and state stay consistent); a second one ends the process at once.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await CliApp.RunAsync(args, CliHost.FromConsole(), cancellation.Token);
