namespace Marketo.Extract.Tests.EndToEnd;

/// <summary>
/// The system clock moved forward by a settable offset: timers and delays run in real time, while "now" can jump
/// ahead between two syncs so the emulator's data can grow after a cursor.
/// </summary>
internal sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
