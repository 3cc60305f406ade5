namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Predicts which declared attribute comes next in an <c>attributes</c> value, from the order of the rows
/// before it.
/// </summary>
/// <remarks>
/// The rows of one activity type usually list their attributes in one order, which need not be the order of
/// the type's description, and a row may leave attributes out. Each slot remembers the slot that followed it last time, and the start of
/// a row remembers the first one, so that once a row has been seen most names are matched with one comparison.
/// </remarks>
internal sealed class SlotOrder
{
    private readonly int[] _next;
    private int _previous;

    public SlotOrder(int count)
    {
        Count = count;
        _next = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            _next[i] = i + 1 == count ? 0 : i + 1;
        }

        _previous = count;
    }

    public int Count { get; }

    /// <summary>Gets the slot expected next; only meaningful when <see cref="Count"/> is not zero.</summary>
    public int Predicted => _next[_previous];

    public void StartRow() => _previous = Count;

    /// <summary>Returns the slot to try at step <paramref name="step"/> of a search: the predicted one first.</summary>
    public int Candidate(int step)
    {
        var slot = Predicted + step;
        return slot < Count ? slot : slot - Count;
    }

    public void Matched(int slot)
    {
        _next[_previous] = slot;
        _previous = slot;
    }
}
