using System.Globalization;

namespace Marketo.Extract.Testing.Internal.Bulk;

/// <summary>What a file download does with its <c>Range</c> header.</summary>
internal enum RangeOutcome
{
    /// <summary>No usable range: the whole file is sent with 200.</summary>
    WholeFile,

    /// <summary>One satisfiable byte range: that slice is sent with 206.</summary>
    Partial,

    /// <summary>A valid byte range that selects no byte, such as one past the end or <c>bytes=-0</c>: 416 with <c>Content-Range: bytes */length</c>.</summary>
    Unsatisfiable,
}

/// <summary>
/// Reads a <c>Range</c> header under RFC 9110 section 14.2: a server must ignore a range unit it does not
/// understand and may ignore an invalid range (<c>bytes=5-2</c>, <c>bytes=abc</c>, <c>bytes=-</c>) or several
/// ranges. The emulator ignores all three and sends the whole file. Only a valid range that selects no byte
/// of the file is unsatisfiable.
/// </summary>
internal static class RangeHeader
{
    private const string BytesUnit = "bytes";

    /// <summary>Resolves the header against the file length.</summary>
    /// <returns>The outcome and, for <see cref="RangeOutcome.Partial"/>, the first and last byte, both inclusive.</returns>
    public static (RangeOutcome Outcome, long First, long Last) Resolve(string? header, long length)
    {
        int equals = header?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (header is null || equals < 0 || !header.AsSpan(0, equals).Trim().Equals(BytesUnit, StringComparison.OrdinalIgnoreCase))
        {
            return (RangeOutcome.WholeFile, 0, 0);
        }

        var spec = header.AsSpan(equals + 1).Trim();
        int dash = spec.IndexOf('-');
        if (spec.Contains(',') || dash < 0)
        {
            return (RangeOutcome.WholeFile, 0, 0);
        }

        var firstText = spec[..dash];
        var lastText = spec[(dash + 1)..];
        bool hasFirst = TryParsePosition(firstText, out long first);
        bool hasLast = TryParsePosition(lastText, out long last);
        if ((!hasFirst && firstText.Length > 0) || (!hasLast && lastText.Length > 0) || (!hasFirst && !hasLast))
        {
            return (RangeOutcome.WholeFile, 0, 0);
        }

        return hasFirst ? FromFirst(first, hasLast ? last : null, length) : FromSuffix(last, length);
    }

    private static (RangeOutcome, long, long) FromFirst(long first, long? last, long length)
    {
        if (last < first)
        {
            return (RangeOutcome.WholeFile, 0, 0);
        }

        return first >= length
            ? (RangeOutcome.Unsatisfiable, 0, 0)
            : (RangeOutcome.Partial, first, Math.Min(last ?? long.MaxValue, length - 1));
    }

    // A suffix range selects the final N bytes, or the whole file when it is shorter than N.
    private static (RangeOutcome, long, long) FromSuffix(long count, long length) =>
        count == 0 || length == 0
            ? (RangeOutcome.Unsatisfiable, 0, 0)
            : (RangeOutcome.Partial, Math.Max(0, length - count), length - 1);

    // A position has digits only; one too large for a long still selects past any file, so it saturates.
    private static bool TryParsePosition(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            value = long.MaxValue;
        }

        return true;
    }
}
