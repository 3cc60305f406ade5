using System.Runtime.InteropServices;

namespace Marketo.Extract.Cli;

/// <summary>
/// Turns SIGINT (Ctrl+C), SIGTERM and SIGQUIT into a cancellation, so that a run stops the way a failure does: files
/// and state left consistent, open export jobs cancelled on Marketo, one line on stderr. The first signal also prints
/// a progress line saying that the run is stopping, because cancelling the jobs can take seconds. A second signal
/// during that cleanup ends the process at once.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    private StopSignals(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Gets the first signal received, or <see langword="null"/> before any.</summary>
    public PosixSignal? Received => Volatile.Read(ref _received) is var signal and not 0 ? (PosixSignal)signal : null;

    /// <summary>
    /// Starts handling the signals: <paramref name="output"/> receives the progress line of the first signal and
    /// <paramref name="error"/> the line of a second one.
    /// </summary>
    public static StopSignals Register(TextWriter output, TextWriter error)
    {
        var signals = new StopSignals(output, error);
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

            // The cancel calls go through the client's rate limit like every call, so after a burst of calls they
            // can wait seconds for a slot.
            _output.WriteLine(
                "Stopping: open export jobs are cancelled on Marketo first, which waits for the client's rate limit " +
                "when recent calls used it up. A second Ctrl+C or signal stops at once.");
            _output.Flush();

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
