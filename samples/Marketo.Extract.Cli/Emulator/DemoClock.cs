namespace Marketo.Extract.Cli.Emulator;

/// <summary>
/// The clock of an extraction from the built-in emulator: it starts at a fixed instant near the end of the demo
/// data and runs at real speed, so export polls and timeouts behave as usual.
/// </summary>
/// <remarks>
/// The extractor plans export windows up to "now" and moves each cursor there. The first run starts its clock an
/// hour after the data ends, so every cursor ends up at least an hour past the last record. A later run starts its
/// clock half an hour after the data ends. For runs shorter than half an hour, "now" then stays behind the cursors
/// the first run saved, so no window is planned: no export job is created and no record is read twice. A stream
/// synced for the first time in a later run still covers all the data, because its clock is past the data's end too.
/// NOTE: a stream first synced in a later run saves a cursor under an hour past the data, so the run after that may
/// create one empty export job for it; it reads no record twice.
/// </remarks>
internal sealed class DemoClock : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;

    public DemoClock(DateTimeOffset start)
    {
        _start = start;
        _startTimestamp = System.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => _start + System.GetElapsedTime(_startTimestamp);
}
