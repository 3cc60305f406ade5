namespace Marketo.Extract.Streams.Internal;

/// <summary>
/// Decides which records are new since a stream's cursor, and follows the newest cursor value delivered with the
/// ids delivered at exactly that instant.
/// </summary>
/// <remarks>
/// A record is new when its cursor value is after the saved cursor, or equal to it and its id was not delivered
/// at that instant before. Records may come in any order, as campaigns and lists do.
/// </remarks>
internal sealed class CursorTracker
{
    private readonly DateTimeOffset? _floor;
    private readonly HashSet<string> _idsAtFloor;
    private HashSet<string> _idsAtMax;

    public CursorTracker(DateTimeOffset? cursor, IReadOnlyCollection<string> idsAtCursor)
    {
        _floor = cursor;
        Max = cursor;
        _idsAtFloor = new HashSet<string>(idsAtCursor, StringComparer.Ordinal);
        _idsAtMax = new HashSet<string>(idsAtCursor, StringComparer.Ordinal);
    }

    /// <summary>Gets the newest cursor value delivered, or reached by a finished window.</summary>
    public DateTimeOffset? Max { get; private set; }

    /// <summary>Gets the ids delivered at <see cref="Max"/>, sorted.</summary>
    public IReadOnlyList<string> IdsAtMax => [.. _idsAtMax.Order(StringComparer.Ordinal)];

    public bool IsNew(DateTimeOffset value, string id) =>
        _floor is not { } floor || value > floor || (value == floor && !_idsAtFloor.Contains(id));

    /// <summary>Records that a record was delivered to the consumer.</summary>
    public void Observe(DateTimeOffset value, string id)
    {
        if (Max is null || value > Max)
        {
            Max = value;
            _idsAtMax = new HashSet<string>(StringComparer.Ordinal) { id };
        }
        else if (value == Max)
        {
            _idsAtMax.Add(id);
        }
    }

    /// <summary>Builds the checkpoint of everything observed so far.</summary>
    public StreamCheckpoint ToCheckpoint() => new(Max, IdsAtMax);
}
