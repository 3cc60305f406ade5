using System.Globalization;
using nietras.SeparatedValues;

namespace Marketo.Extract.Bench.Decode;

/// <summary>How much of each cell a Sep walk reads.</summary>
internal enum SepWalk
{
    /// <summary>Every cell's raw span, quotes included, without unescaping or creating anything.</summary>
    RawSpans,

    /// <summary>
    /// The ceiling: every cell's text with Sep's unescaping on (enclosing quotes removed, doubled quotes made
    /// single) as a span, which is the least work a decoder must do to see each value.
    /// </summary>
    UnescapedSpans,

    /// <summary>A string of every unescaped cell, as an untyped decoder would create.</summary>
    Strings,
}

/// <summary>
/// Sep reading the same bytes without typing anything: the reference points that typed decoding is compared with.
/// </summary>
/// <remarks>
/// Each walk reads the stream through Sep's own UTF-8 reader, synchronously, and visits every row, header
/// included. The checksum keeps the JIT from dropping the loop.
/// </remarks>
internal static class SepReference
{
    public static long Walk(Stream csv, SepWalk walk)
    {
        using var reader = Sep.Reader(options => options with
        {
            Sep = new Sep(','),
            HasHeader = false,
            Unescape = walk != SepWalk.RawSpans,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(csv);
        long rows = 0;
        long checksum = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                checksum += walk == SepWalk.Strings ? row[i].ToString().Length : row[i].Span.Length;
            }

            rows++;
        }

        GC.KeepAlive(checksum);
        return rows - 1;
    }
}
