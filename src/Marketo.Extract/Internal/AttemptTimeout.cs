using System.Globalization;

namespace Marketo.Extract.Internal;

/// <summary>
/// The cancellation of one attempt: the caller's token linked with a timer of
/// <see cref="MarketoClientOptions.RequestTimeout"/> that runs on <see cref="TimeProvider"/>.
/// </summary>
internal sealed class AttemptTimeout : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource? _linked;
    private readonly TimeSpan _timeout;

    public AttemptTimeout(TimeSpan timeout, TimeProvider time, CancellationToken callerToken)
    {
        _timeout = timeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            Token = callerToken;
            return;
        }

        _timer = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timer.Token);
        Token = _linked.Token;
    }

    /// <summary>Gets the token that cancels the attempt when the caller cancels or the time is up.</summary>
    public CancellationToken Token { get; }

    /// <summary>Creates the exception that reports the attempt as timed out; the caller did not cancel.</summary>
    /// <remarks>
    /// A cancellation that the caller did not ask for is a time-out, either this timer or the timeout of the
    /// <see cref="HttpClient"/> itself, so both read as one.
    /// </remarks>
    public TimeoutException CreateTimeoutException(string request, Exception inner) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"{request} did not complete within the request timeout of {_timeout} (MarketoClientOptions.RequestTimeout)."),
            inner);

    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
