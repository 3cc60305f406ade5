using System.Collections.Concurrent;

namespace Marketo.Extract.Testing;

/// <summary>Counters of what the emulator served. They can be read while it runs and reset between test steps.</summary>
public sealed class EmulatorStatistics
{
    private readonly ConcurrentDictionary<string, long> _callsByEndpoint = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errorsByCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _responsesByStatus = new();
    private long _identityCalls;
    private long _apiCalls;
    private long _exportsCreated;
    private long _exportsEnqueued;
    private long _exportsCancelled;
    private long _exportsCompleted;
    private long _exportsFailed;
    private long _statusPolls;
    private long _listExportCalls;
    private long _bytesExported;
    private int _callsInFlight;
    private int _maxConcurrentCalls;

    internal EmulatorStatistics()
    {
    }

    /// <summary>Gets the number of calls per endpoint, keyed by the path templates in <see cref="EmulatorEndpoints"/>; identity calls included.</summary>
    public IReadOnlyDictionary<string, long> CallsByEndpoint => Snapshot(_callsByEndpoint);

    /// <summary>Gets the number of Marketo error codes returned (<c>errors[].code</c> of a failed envelope), keyed by code.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByCode => Snapshot(_errorsByCode);

    /// <summary>Gets the number of responses per HTTP status code.</summary>
    public IReadOnlyDictionary<int, long> ResponsesByStatusCode => Snapshot(_responsesByStatus);

    /// <summary>Gets the number of identity (token) calls.</summary>
    public long IdentityCalls => Interlocked.Read(ref _identityCalls);

    /// <summary>Gets the number of calls other than identity calls, whatever their outcome.</summary>
    public long ApiCalls => Interlocked.Read(ref _apiCalls);

    /// <summary>Gets the number of export jobs created.</summary>
    public long ExportsCreated => Interlocked.Read(ref _exportsCreated);

    /// <summary>Gets the number of export jobs enqueued.</summary>
    public long ExportsEnqueued => Interlocked.Read(ref _exportsEnqueued);

    /// <summary>Gets the number of export jobs cancelled.</summary>
    public long ExportsCancelled => Interlocked.Read(ref _exportsCancelled);

    /// <summary>Gets the number of export jobs that reached Completed.</summary>
    public long ExportsCompleted => Interlocked.Read(ref _exportsCompleted);

    /// <summary>Gets the number of export jobs that reached Failed.</summary>
    public long ExportsFailed => Interlocked.Read(ref _exportsFailed);

    /// <summary>Gets the number of export status calls.</summary>
    public long StatusPolls => Interlocked.Read(ref _statusPolls);

    /// <summary>Gets the number of list-export-jobs calls.</summary>
    public long ListExportCalls => Interlocked.Read(ref _listExportCalls);

    /// <summary>Gets the number of export file bytes sent in file responses (a range response counts the bytes of its range).</summary>
    public long BytesExported => Interlocked.Read(ref _bytesExported);

    /// <summary>Gets the number of calls in flight now, identity calls excluded.</summary>
    public int CallsInFlight => Volatile.Read(ref _callsInFlight);

    /// <summary>Gets the largest number of calls that were in flight at once, identity calls excluded.</summary>
    public int MaxConcurrentCalls => Volatile.Read(ref _maxConcurrentCalls);

    /// <summary>Sets every counter back to zero; calls in flight stay counted in <see cref="CallsInFlight"/>.</summary>
    public void Reset()
    {
        _callsByEndpoint.Clear();
        _errorsByCode.Clear();
        _responsesByStatus.Clear();
        foreach (var counter in (Func<long>[])[
            () => Interlocked.Exchange(ref _identityCalls, 0), () => Interlocked.Exchange(ref _apiCalls, 0),
            () => Interlocked.Exchange(ref _exportsCreated, 0), () => Interlocked.Exchange(ref _exportsEnqueued, 0),
            () => Interlocked.Exchange(ref _exportsCancelled, 0), () => Interlocked.Exchange(ref _exportsCompleted, 0),
            () => Interlocked.Exchange(ref _exportsFailed, 0), () => Interlocked.Exchange(ref _statusPolls, 0),
            () => Interlocked.Exchange(ref _listExportCalls, 0), () => Interlocked.Exchange(ref _bytesExported, 0),
        ])
        {
            counter();
        }

        Volatile.Write(ref _maxConcurrentCalls, Volatile.Read(ref _callsInFlight));
    }

    internal void RecordCall(string endpoint)
    {
        _callsByEndpoint.AddOrUpdate(endpoint, 1, (_, count) => count + 1);
        if (endpoint == EmulatorEndpoints.Identity)
        {
            Interlocked.Increment(ref _identityCalls);
            return;
        }

        Interlocked.Increment(ref _apiCalls);
        if (endpoint is EmulatorEndpoints.LeadExportStatus or EmulatorEndpoints.ActivityExportStatus)
        {
            Interlocked.Increment(ref _statusPolls);
        }
        else if (endpoint is EmulatorEndpoints.LeadExportList or EmulatorEndpoints.ActivityExportList)
        {
            Interlocked.Increment(ref _listExportCalls);
        }
    }

    internal void RecordResponse(int statusCode, string? errorCode)
    {
        _responsesByStatus.AddOrUpdate(statusCode, 1, (_, count) => count + 1);
        if (errorCode is not null)
        {
            _errorsByCode.AddOrUpdate(errorCode, 1, (_, count) => count + 1);
        }
    }

    internal int EnterCall()
    {
        int inFlight = Interlocked.Increment(ref _callsInFlight);
        int max;
        do
        {
            max = Volatile.Read(ref _maxConcurrentCalls);
        }
        while (inFlight > max && Interlocked.CompareExchange(ref _maxConcurrentCalls, inFlight, max) != max);

        return inFlight;
    }

    internal void ExitCall() => Interlocked.Decrement(ref _callsInFlight);

    internal void RecordExportCreated() => Interlocked.Increment(ref _exportsCreated);

    internal void RecordExportEnqueued() => Interlocked.Increment(ref _exportsEnqueued);

    internal void RecordExportCancelled() => Interlocked.Increment(ref _exportsCancelled);

    internal void RecordExportCompleted() => Interlocked.Increment(ref _exportsCompleted);

    internal void RecordExportFailed() => Interlocked.Increment(ref _exportsFailed);

    internal void RecordBytesExported(long bytes) => Interlocked.Add(ref _bytesExported, bytes);

    private static Dictionary<TKey, long> Snapshot<TKey>(ConcurrentDictionary<TKey, long> counters)
        where TKey : notnull => new(counters);
}
