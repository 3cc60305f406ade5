using Marketo.Extract.Streams;

namespace Marketo.Extract.Reliability.Tests.Crashes;

/// <summary>
/// A cursor store that simulates a process crash at a chosen save: that save and every later call fail, as if the
/// process had died, until <see cref="Restart"/> brings up a new "process" over the same saved states.
/// </summary>
internal sealed class CrashingCursorStore : ICursorStore
{
    private readonly InMemoryCursorStore _saved = new();
    private Func<int, string, StreamState, bool>? _crashAt;
    private int _saves;

    /// <summary>Gets a value indicating whether the simulated process has crashed.</summary>
    public bool Crashed { get; private set; }

    public IReadOnlyDictionary<string, StreamState> States => _saved.States;

    /// <summary>Starts a new run that crashes at the first save for which <paramref name="crashAt"/> returns true.</summary>
    /// <param name="crashAt">Receives the 1-based save number of this run, the stream id and the state to save.</param>
    public void Restart(Func<int, string, StreamState, bool>? crashAt)
    {
        Crashed = false;
        _saves = 0;
        _crashAt = crashAt;
    }

    public ValueTask<StreamState?> LoadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ThrowIfCrashed();
        return _saved.LoadAsync(streamId, cancellationToken);
    }

    public ValueTask SaveAsync(string streamId, StreamState state, CancellationToken cancellationToken = default)
    {
        ThrowIfCrashed();
        if (_crashAt?.Invoke(++_saves, streamId, state) == true)
        {
            Crashed = true;
            ThrowIfCrashed();
        }

        return _saved.SaveAsync(streamId, state, cancellationToken);
    }

    private void ThrowIfCrashed()
    {
        if (Crashed)
        {
            throw new SimulatedCrashException();
        }
    }
}

/// <summary>Stands for the death of the process at a save.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("The process crashed (simulated).")
    {
    }
}

/// <summary>Fails every request once the simulated process has crashed, so no clean-up call reaches Marketo.</summary>
internal sealed class CrashAwareHandler(Func<bool> crashed) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        crashed()
            ? throw new HttpRequestException("The process crashed (simulated); no request leaves it.")
            : base.SendAsync(request, cancellationToken);
}
