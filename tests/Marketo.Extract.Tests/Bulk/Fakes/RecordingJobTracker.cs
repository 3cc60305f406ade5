using Marketo.Extract.Bulk;

namespace Marketo.Extract.Tests.Bulk.Fakes;

/// <summary>A job tracker that keeps the saved ids in memory and logs every call.</summary>
internal sealed class RecordingJobTracker : IBulkExportJobTracker
{
    private readonly object _lock = new();
    private readonly Dictionary<string, string> _saved = new(StringComparer.Ordinal);
    private readonly List<string> _calls = [];

    /// <summary>Gets or sets a shared event log that calls are also written to.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string>? EventLog { get; set; }

    /// <summary>Gets or sets an error to throw from the next <see cref="JobCreatedAsync"/>.</summary>
    public Exception? FailNextCreated { get; set; }

    /// <summary>Gets the largest number of ids saved at once.</summary>
    public int MaxSaved { get; private set; }

    /// <summary>Gets the saved export id of each key, as a run would persist it.</summary>
    public IReadOnlyDictionary<string, string> Saved
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_saved);
            }
        }
    }

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToList();
            }
        }
    }

    public Task JobCreatedAsync(string key, string exportId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Record($"created {key} {exportId}");
            if (FailNextCreated is { } error)
            {
                FailNextCreated = null;
                throw error;
            }

            _saved[key] = exportId;
            MaxSaved = Math.Max(MaxSaved, _saved.Count);
        }

        return Task.CompletedTask;
    }

    public Task JobFinishedAsync(string key, string exportId, CancellationToken cancellationToken)
    {
        Forget("finished", key, exportId);
        return Task.CompletedTask;
    }

    public Task JobDiscardedAsync(string key, string exportId, CancellationToken cancellationToken)
    {
        Forget("discarded", key, exportId);
        return Task.CompletedTask;
    }

    private void Forget(string verb, string key, string exportId)
    {
        lock (_lock)
        {
            Record($"{verb} {key} {exportId}");
            Assert.That(_saved.GetValueOrDefault(key), Is.EqualTo(exportId), $"{verb} {key}: the tracker holds another id");
            _saved.Remove(key);
        }
    }

    private void Record(string call)
    {
        _calls.Add(call);
        EventLog?.Enqueue(call);
    }
}
