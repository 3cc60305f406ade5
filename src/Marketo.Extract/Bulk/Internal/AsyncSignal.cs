namespace Marketo.Extract.Bulk.Internal;

/// <summary>
/// A wake-up call between two tasks: <see cref="Set"/> completes the current or the next <see cref="WaitAsync"/>.
/// Several sets before a wait count as one, so a waiter must re-check its condition after each wake-up.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly object _lock = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Set()
    {
        lock (_lock)
        {
            _signal.TrySetResult();
        }
    }

    internal Task WaitAsync(CancellationToken cancellationToken)
    {
        Task pending;
        lock (_lock)
        {
            if (_signal.Task.IsCompleted)
            {
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return Task.CompletedTask;
            }

            pending = _signal.Task;
        }

        return pending.WaitAsync(cancellationToken);
    }
}
