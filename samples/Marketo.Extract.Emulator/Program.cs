using Marketo.Extract.Emulator;
using Marketo.Extract.Testing;

// Serves a local Marketo on 127.0.0.1 until Ctrl+C: the printed credentials are fake demo values.
EmulatorArguments arguments;
try
{
    arguments = EmulatorArguments.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"Marketo.Extract.Emulator: {e.Message}");
    return 2;
}

await using var emulator = new MarketoEmulator(arguments.Options);
await emulator.StartAsync(arguments.Port);

var dataset = emulator.Dataset;
Console.WriteLine($"Marketo emulator listening on {emulator.BaseAddress}");
Console.WriteLine($"  identity:      {new Uri(emulator.BaseAddress, "identity/oauth/token")}");
Console.WriteLine($"  client id:     {emulator.ClientId}");
Console.WriteLine($"  client secret: {emulator.ClientSecret}   (fake demo credentials)");
Console.WriteLine($"  data:          seed {dataset.Seed}, {dataset.Leads.Count} leads, {dataset.Activities.Count} activities, " +
    $"{dataset.Start:yyyy-MM-dd} to {dataset.End:yyyy-MM-dd HH:mm}Z");
Console.WriteLine("Press Ctrl+C to stop.");

var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopped.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
await stopped.Task;
Console.WriteLine("Stopping.");
return 0;
