using System.Runtime.InteropServices;
using Marketo.Extract.Emulator;
using Marketo.Extract.Testing;

// Serves a local Marketo on 127.0.0.1 until SIGINT (Ctrl+C), SIGTERM or SIGQUIT: the printed credentials are
// fake demo values.
if (args is ["-h" or "--help"])
{
    Console.WriteLine(EmulatorArguments.Usage);
    return 0;
}

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

var stopSignal = new TaskCompletionSource<PosixSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);

await using var emulator = new MarketoEmulator(arguments.Options);
await emulator.StartAsync(arguments.Port);

var dataset = emulator.Dataset;
Console.WriteLine($"Marketo emulator listening on {emulator.BaseAddress}");
Console.WriteLine($"  identity:      {new Uri(emulator.BaseAddress, "identity/oauth/token")}");
Console.WriteLine($"  client id:     {emulator.ClientId}");
Console.WriteLine($"  client secret: {emulator.ClientSecret}   (fake demo credentials)");
Console.WriteLine($"  data:          seed {dataset.Seed}, {dataset.Leads.Count} leads, {dataset.Activities.Count} activities, " +
    $"{dataset.Start:yyyy-MM-dd} to {dataset.End:yyyy-MM-dd HH:mm}Z");
foreach (string line in arguments.Describe())
{
    Console.WriteLine(line);
}

Console.WriteLine("Press Ctrl+C to stop.");

var signal = await stopSignal.Task;
Console.WriteLine($"Stopping on {signal}.");
return 0;

// Cancelling the default action keeps the runtime from ending the process at once, so the emulator is disposed
// and the process exits with code 0.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopSignal.TrySetResult(context.Signal);
}
