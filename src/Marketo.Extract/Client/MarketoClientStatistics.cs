namespace Marketo.Extract;

/// <summary>Running counters of one client's traffic, safe to read while calls are in flight.</summary>
public sealed class MarketoClientStatistics
{
    private long _apiCalls;
    private long _identityCalls;
    private long _retries;
    private long _bytesDownloaded;

    /// <summary>Gets the number of REST, Asset and Bulk calls sent, retries included; identity calls are not counted.</summary>
    public long ApiCalls => Interlocked.Read(ref _apiCalls);

    /// <summary>Gets the number of token requests sent to the identity endpoint.</summary>
    public long IdentityCalls => Interlocked.Read(ref _identityCalls);

    /// <summary>Gets the number of calls sent again after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Gets the number of bulk export file bytes read.</summary>
    public long BytesDownloaded => Interlocked.Read(ref _bytesDownloaded);

    internal void AddApiCall() => Interlocked.Increment(ref _apiCalls);

    internal void AddIdentityCall() => Interlocked.Increment(ref _identityCalls);

    internal void AddRetry() => Interlocked.Increment(ref _retries);

    internal void AddBytesDownloaded(long count) => Interlocked.Add(ref _bytesDownloaded, count);
}
