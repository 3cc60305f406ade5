namespace Marketo.Extract.Bulk.Internal;

/// <summary>
/// Passes calls on to the caller's <see cref="IBulkExportJobTracker"/> one at a time, because the pump and the
/// consumer of a run call it from different tasks. Without a tracker the calls do nothing.
/// </summary>
internal sealed class SerializedJobTracker : IDisposable
{
    private readonly IBulkExportJobTracker? _tracker;
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal SerializedJobTracker(IBulkExportJobTracker? tracker)
    {
        _tracker = tracker;
    }

    internal Task JobCreatedAsync(string key, string exportId, CancellationToken cancellationToken) =>
        CallAsync(static (t, k, id, c) => t.JobCreatedAsync(k, id, c), key, exportId, cancellationToken);

    internal Task JobFinishedAsync(string key, string exportId, CancellationToken cancellationToken) =>
        CallAsync(static (t, k, id, c) => t.JobFinishedAsync(k, id, c), key, exportId, cancellationToken);

    internal Task JobDiscardedAsync(string key, string exportId, CancellationToken cancellationToken) =>
        CallAsync(static (t, k, id, c) => t.JobDiscardedAsync(k, id, c), key, exportId, cancellationToken);

    public void Dispose() => _gate.Dispose();

    private async Task CallAsync(
        Func<IBulkExportJobTracker, string, string, CancellationToken, Task> call,
        string key,
        string exportId,
        CancellationToken cancellationToken)
    {
        if (_tracker is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await call(_tracker, key, exportId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
