using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Internal;

/// <summary>
/// Keeps one client's calls under a sliding-window rate limit, a concurrency limit and an optional daily budget.
/// </summary>
/// <remarks>
/// The window is a queue of the send times of recent calls, read from <see cref="TimeProvider"/> so that tests can
/// drive it with a fake clock. A call takes its concurrency slot first and its window slot right before it is sent,
/// so that the recorded time is the send time and the window never undercounts.
/// </remarks>
internal sealed class CallThrottle : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxCallsPerWindow;
    private readonly TimeSpan _window;
    private readonly int? _dailyBudget;
    private readonly int _maxConcurrentCalls;
    private readonly SemaphoreSlim _concurrency;
    private readonly Queue<long> _sendTimestamps = new();
    private readonly object _sync = new();
    private DateTimeOffset _budgetResetsAt = DateTimeOffset.MinValue;
    private int _callsToday;

    public CallThrottle(MarketoClientOptions options, TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
        _maxCallsPerWindow = options.MaxCallsPerWindow;
        _window = options.RateLimitWindow;
        _dailyBudget = options.DailyCallBudget;
        _maxConcurrentCalls = options.MaxConcurrentCalls;
        _concurrency = new SemaphoreSlim(_maxConcurrentCalls, _maxConcurrentCalls);
    }

    /// <summary>Gets the number of calls in flight, for tests and diagnostics.</summary>
    public int InFlight => _maxConcurrentCalls - _concurrency.CurrentCount;

    /// <summary>
    /// Waits for a concurrency slot and a window slot, then charges the daily budget.
    /// </summary>
    /// <returns>A lease that frees the concurrency slot when disposed.</returns>
    /// <exception cref="MarketoQuotaExceededException">The daily call budget is used up.</exception>
    public async ValueTask<ThrottleLease> AcquireAsync(string request, CancellationToken cancellationToken)
    {
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WaitForWindowSlotAsync(request, cancellationToken).ConfigureAwait(false);
            return new ThrottleLease(_concurrency);
        }
        catch
        {
            _concurrency.Release();
            throw;
        }
    }

    public void Dispose() => _concurrency.Dispose();

    private async ValueTask WaitForWindowSlotAsync(string request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var delay = TryTakeWindowSlot(request);
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            ClientLog.WaitingForRateLimit(_logger, _maxCallsPerWindow, _window, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a window slot and returns zero, or returns how long to wait for the oldest call to leave.</summary>
    private TimeSpan TryTakeWindowSlot(string request)
    {
        lock (_sync)
        {
            var now = _time.GetTimestamp();
            while (_sendTimestamps.Count > 0 && _time.GetElapsedTime(_sendTimestamps.Peek(), now) >= _window)
            {
                _sendTimestamps.Dequeue();
            }

            if (_sendTimestamps.Count >= _maxCallsPerWindow)
            {
                var wait = _window - _time.GetElapsedTime(_sendTimestamps.Peek(), now);
                return wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1);
            }

            ChargeDailyBudget(request);
            _sendTimestamps.Enqueue(now);
            return TimeSpan.Zero;
        }
    }

    private void ChargeDailyBudget(string request)
    {
        if (_dailyBudget is not { } budget)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (now >= _budgetResetsAt)
        {
            _budgetResetsAt = MarketoQuotaCalendar.NextReset(now);
            _callsToday = 0;
        }

        if (_callsToday >= budget)
        {
            ClientLog.QuotaExceeded(_logger, request, MarketoQuotaKind.ClientCallBudget, _budgetResetsAt);
            var resetText = _budgetResetsAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            throw new MarketoQuotaExceededException(
                $"The daily call budget of {budget} calls set in MarketoClientOptions.DailyCallBudget is used up, " +
                $"so the call was not sent. The budget resets at {resetText} (midnight America/Chicago); raise " +
                "DailyCallBudget to allow more calls today.")
            {
                Quota = MarketoQuotaKind.ClientCallBudget,
                ResetsAt = _budgetResetsAt,
            };
        }

        _callsToday++;
    }
}

/// <summary>A held concurrency slot of <see cref="CallThrottle"/>; disposing it frees the slot once.</summary>
internal sealed class ThrottleLease : IDisposable
{
    private SemaphoreSlim? _semaphore;

    public ThrottleLease(SemaphoreSlim semaphore)
    {
        _semaphore = semaphore;
    }

    public void Dispose() => Interlocked.Exchange(ref _semaphore, null)?.Release();
}
