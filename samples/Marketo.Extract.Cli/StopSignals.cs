using System.Runtime.InteropServices;

namespace Marketo.Extract.Cli;

/// <summary>
/// Turns SIGINT (Ctrl+C), SIGTERM and SIGQUIT into a cancellation, so that a run stops the way a failure does: files
/// and state left consistent, open export jobs cancelled on Marketo, one line on stderr. A second signal during that
/// cleanup ends the process at once.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TextWriter _error;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    private StopSignals(TextWriter error)
    {
        _error = error;
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Gets the first signal received, or <see langword="null"/> before any.</summary>
    public PosixSignal? Received => Volatile.Read(ref _received) is var signal and not 0 ? (PosixSignal)signal : null;

    /// <summary>Starts handling the signals; <paramref name="error"/> receives the line of a second signal.</summary>
    public static StopSignals Register(TextWriter error)
    {
        var signals = new StopSignals(error);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            try
            {
                signals._registrations.Add(PosixSignalRegistration.Create(signal, signals.OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows has no SIGQUIT equivalent for console processes; the other signals still stop cleanly.
            }
        }

        return signals;
    }

    /// <summary>
    /// Returns the process exit code: the shell convention 128 + signal number for a run the signal interrupted, so
    /// SIGTERM gives 143 and SIGQUIT 131, while Ctrl+C keeps <see cref="ExitCodes.Cancelled"/>.
    /// </summary>
    public int ToExitCode(int exitCode) => exitCode == ExitCodes.Cancelled
        ? Received switch
        {
            PosixSignal.SIGTERM => ExitCodes.Terminated,
            PosixSignal.SIGQUIT => ExitCodes.Quit,
            _ => exitCode,
        }
        : exitCode;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) == 0)
        {
            context.Cancel = true;

            // Cancellation callbacks run on the thread pool, not on the thread that delivers signals.
            _ = _cancellation.CancelAsync();
            return;
        }

        // Leaving Cancel false lets the runtime end the process the signal's default way, without a stack trace.
        _error.WriteLine(
            "marketo-extract: Stopped at once by a second signal, before the cleanup finished. Every file and the " +
            "state file are still consistent; export jobs not yet cancelled stay saved for the next run, and it " +
            "deletes the leftover hidden *.partial files.");
        _error.Flush();
    }
}
