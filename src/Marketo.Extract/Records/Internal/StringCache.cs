namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Reuses the string instances of one column's recent values, because lead exports repeat many values
/// (country, state, lead source, company) and a string per value is the main cost of decoding.
/// </summary>
/// <remarks>
/// A direct-mapped table keyed by a cheap hash: a hit returns the stored instance, a miss allocates and
/// replaces the entry. A column whose values rarely repeat over its first rows stops using the table, so
/// unique values such as emails pay only for that sample. Sharing instances is invisible to callers because
/// strings are immutable.
/// </remarks>
internal sealed class StringCache
{
    // NOTE: these sizes are estimates, checked on generated lead data only, not on real Marketo exports.
    private const int EntryCount = 256;
    private const int DefaultMaxLength = 48;
    private const int SampleSize = 4096;
    private const int MinHitsInSample = SampleSize / 8;

    private readonly string?[] _entries = new string?[EntryCount];
    private readonly int _maxLength;
    private int _lookups;
    private int _hits;
    private bool _disabled;

    /// <summary>Initializes a cache for one column.</summary>
    /// <param name="maxLength">The longest value kept; longer values are always created anew.</param>
    public StringCache(int maxLength = DefaultMaxLength) => _maxLength = maxLength;

    public string GetOrAdd(ReadOnlySpan<char> text)
    {
        if (_disabled || text.Length > _maxLength)
        {
            return text.ToString();
        }

        var index = Hash(text) & (EntryCount - 1);
        var entry = _entries[index];
        if (entry is not null && text.SequenceEqual(entry))
        {
            _hits++;
            CountLookup();
            return entry;
        }

        var created = text.ToString();
        _entries[index] = created;
        CountLookup();
        return created;
    }

    private static int Hash(ReadOnlySpan<char> text)
    {
        var length = text.Length;
        if (length == 0)
        {
            return 0;
        }

        var hash = (uint)length * 0x9E3779B1;
        hash ^= text[0] * 31u + text[length - 1];
        hash = (hash * 0x85EBCA77) ^ (uint)(text[length / 2] * 17 + text[(length - 1) / 3]);
        hash ^= hash >> 15;
        return (int)(hash * 0xC2B2AE3D ^ (hash >> 13));
    }

    private void CountLookup()
    {
        if (++_lookups == SampleSize)
        {
            _disabled = _hits < MinHitsInSample;
            _lookups = 0;
            _hits = 0;
        }
    }
}
