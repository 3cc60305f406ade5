using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Marketo.Extract.Tests.Bulk.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tracks which of its timers are armed, so a test can run code that sleeps
/// on it by jumping from one timer's due time to the next: a 60-second poll or a 3-hour timeout takes milliseconds.
/// </summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly object _lock = new();
    private readonly HashSet<TrackedTimer> _armed = [];

    public TestClock()
    {
        SetUtcNow(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Gets the time the clock started at.</summary>
    public DateTimeOffset Started { get; } = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the fake time passed since the clock started.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Started;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Armed before the inner timer exists, because a due time of zero may fire it at once.
        var tracked = new TrackedTimer(this);
        tracked.Arm(dueTime, period);
        tracked.Inner = base.CreateTimer(
            s =>
            {
                tracked.OnFired();
                callback(s);
            },
            state,
            dueTime,
            period);
        return tracked;
    }

    /// <summary>
    /// Runs a task to completion: whenever the code under test waits on this clock, moves the clock to the earliest
    /// armed timer. Fails the test if the task waits on neither the clock nor anything else that completes.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, int maxSteps = 10_000)
    {
        await DriveAsync(task, maxSteps);
        return await task;
    }

    /// <inheritdoc cref="RunAsync{T}(Task{T}, int)"/>
    public async Task RunAsync(Task task, int maxSteps = 10_000)
    {
        await DriveAsync(task, maxSteps);
        await task;
    }

    private async Task DriveAsync(Task task, int maxSteps)
    {
        for (var step = 0; ; step++)
        {
            var nextDue = await WaitForArmedTimerAsync(task);
            if (task.IsCompleted)
            {
                return;
            }

            if (step >= maxSteps)
            {
                Assert.Fail($"The task did not complete within {maxSteps} clock steps ({Elapsed} of fake time).");
            }

            SetUtcNow(nextDue > GetUtcNow() ? nextDue : GetUtcNow());
        }
    }

    /// <summary>Waits in real time until the task completes or a timer is armed; returns the earliest due time.</summary>
    private async Task<DateTimeOffset> WaitForArmedTimerAsync(Task task)
    {
        var realTime = Stopwatch.StartNew();
        while (true)
        {
            await WaitForIdleThreadPoolAsync();
            if (task.IsCompleted)
            {
                return GetUtcNow();
            }

            var nextDue = GetEarliestDueTime();
            if (nextDue is not null)
            {
                return nextDue.Value;
            }

            if (realTime.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail("The task neither completed nor waited on the clock for 10 s of real time: a deadlock.");
            }
        }
    }

    /// <summary>
    /// Lets continuations queued on the thread pool run before the clock moves, so that the code under test reacts
    /// to one point in time before the next. Gives up waiting after 200 ms when other work keeps the queue full.
    /// </summary>
    private static async Task WaitForIdleThreadPoolAsync()
    {
        await Task.Delay(2);
        for (var i = 0; i < 200 && ThreadPool.PendingWorkItemCount > 0; i++)
        {
            await Task.Delay(1);
        }
    }

    private DateTimeOffset? GetEarliestDueTime()
    {
        lock (_lock)
        {
            return _armed.Count == 0 ? null : _armed.Min(timer => timer.DueAt);
        }
    }

    private void SetArmed(TrackedTimer timer, bool armed)
    {
        lock (_lock)
        {
            if (armed)
            {
                _armed.Add(timer);
            }
            else
            {
                _armed.Remove(timer);
            }
        }
    }

    private sealed class TrackedTimer(TestClock clock) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset DueAt { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = clock.GetUtcNow() + (dueTime == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : dueTime);
            clock.SetArmed(this, dueTime != Timeout.InfiniteTimeSpan);
        }

        public void OnFired()
        {
            var periodic = _period != Timeout.InfiniteTimeSpan && _period != TimeSpan.Zero;
            if (periodic)
            {
                DueAt = clock.GetUtcNow() + _period;
            }
            else
            {
                clock.SetArmed(this, false);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.SetArmed(this, false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock.SetArmed(this, false);
            return Inner.DisposeAsync();
        }
    }
}
