namespace Marketo.Extract.Streams.Internal;

/// <summary>
/// The cursor of a stream read window by window: it moves to each window's end once the window is delivered.
/// </summary>
/// <remarks>
/// Consecutive windows share their boundary instant, so a record exactly on it comes in both. The ids delivered at
/// the boundary are kept, and the next window (in this run or the next) skips them. The cursor never follows a
/// record's own timestamp past the window end: an export reflects a record's state when the export ran, which can
/// be later than the window, and moving the cursor there would skip records of the next window.
/// </remarks>
internal sealed class WindowCursor
{
    private HashSet<string> _idsAtFloor;
    private HashSet<string> _idsAtWindowEnd = new(StringComparer.Ordinal);
    private DateTimeOffset _windowEnd;

    public WindowCursor(DateTimeOffset floor, IReadOnlyCollection<string> idsAtFloor)
    {
        Floor = floor;
        _idsAtFloor = new HashSet<string>(idsAtFloor, StringComparer.Ordinal);
    }

    /// <summary>Gets the instant up to which every record has been delivered.</summary>
    public DateTimeOffset Floor { get; private set; }

    /// <summary>Gets the ids delivered exactly at <see cref="Floor"/>, sorted.</summary>
    public IReadOnlyList<string> IdsAtFloor => [.. _idsAtFloor.Order(StringComparer.Ordinal)];

    /// <summary>Starts a window that ends at <paramref name="windowEnd"/>.</summary>
    public void BeginWindow(DateTimeOffset windowEnd)
    {
        _windowEnd = windowEnd;
        _idsAtWindowEnd = windowEnd == Floor
            ? new HashSet<string>(_idsAtFloor, StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Tells whether a record was already delivered at the floor instant.</summary>
    /// <param name="value">The record's cursor field, when the row has one.</param>
    /// <param name="id">The record's id.</param>
    public bool IsDuplicate(DateTimeOffset? value, string id) => value == Floor && _idsAtFloor.Contains(id);

    /// <summary>Records that a record was delivered to the consumer.</summary>
    public void Observe(DateTimeOffset? value, string id)
    {
        if (value == _windowEnd)
        {
            _idsAtWindowEnd.Add(id);
        }
    }

    /// <summary>Marks the current window as delivered: the floor moves to its end.</summary>
    public void FinishWindow()
    {
        Floor = _windowEnd;
        _idsAtFloor = _idsAtWindowEnd;
        _idsAtWindowEnd = new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Builds the checkpoint of every finished window.</summary>
    public StreamCheckpoint ToCheckpoint(LeadsFilterMode? leadsFilter = null) => new(Floor, IdsAtFloor, leadsFilter);
}
