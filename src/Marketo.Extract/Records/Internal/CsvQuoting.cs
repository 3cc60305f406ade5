namespace Marketo.Extract.Records.Internal;

/// <summary>What is wrong with the quoting of one raw CSV value.</summary>
internal enum QuoteProblem
{
    None,

    /// <summary>A quote inside a value that does not start with a quote.</summary>
    QuoteInUnquotedValue,

    /// <summary>A quoted value has text after its closing quote, that is, an inner quote that is not doubled.</summary>
    TextAfterClosingQuote,

    /// <summary>A quoted value has no closing quote: Sep read to the end of the file looking for it.</summary>
    MissingClosingQuote,
}

/// <summary>
/// Checks the RFC 4180 quoting of raw values that Sep split, and removes it.
/// </summary>
/// <remarks>
/// Sep's own unescaping is lenient by design: it turns <c>"a"b</c> into <c>ab</c>, and an unterminated
/// quote at the end of the file into a value holding the rest of the file. Reading the raw values and
/// unquoting here lets the decoder reject those files, so that a damaged download never passes as data.
/// </remarks>
internal static class CsvQuoting
{
    /// <summary>
    /// Returns the value of a raw column. A quoted value without doubled quotes is a slice of
    /// <paramref name="raw"/>; one with doubled quotes is written to <paramref name="scratch"/>, which grows
    /// as needed, and is valid until the next call with the same buffer.
    /// </summary>
    public static QuoteProblem Unquote(ReadOnlySpan<char> raw, ref char[] scratch, out ReadOnlySpan<char> value)
    {
        value = raw;
        if (raw.IsEmpty || raw[0] != '"')
        {
            return raw.Contains('"') ? QuoteProblem.QuoteInUnquotedValue : QuoteProblem.None;
        }

        var inner = raw[1..];
        var quote = inner.IndexOf('"');
        if (quote < 0)
        {
            return QuoteProblem.MissingClosingQuote;
        }

        if (quote == inner.Length - 1)
        {
            value = inner[..quote];
            return QuoteProblem.None;
        }

        return UnescapeDoubledQuotes(inner, ref scratch, out value);
    }

    private static QuoteProblem UnescapeDoubledQuotes(
        ReadOnlySpan<char> inner, ref char[] scratch, out ReadOnlySpan<char> value)
    {
        value = default;
        if (scratch.Length < inner.Length)
        {
            scratch = new char[Math.Max(inner.Length, scratch.Length * 2)];
        }

        var written = 0;
        var position = 0;
        while (true)
        {
            var quote = inner[position..].IndexOf('"');
            if (quote < 0)
            {
                return QuoteProblem.MissingClosingQuote;
            }

            inner.Slice(position, quote).CopyTo(scratch.AsSpan(written));
            written += quote;
            position += quote;
            if (position == inner.Length - 1)
            {
                value = scratch.AsSpan(0, written);
                return QuoteProblem.None;
            }

            if (inner[position + 1] != '"')
            {
                return QuoteProblem.TextAfterClosingQuote;
            }

            scratch[written++] = '"';
            position += 2;
        }
    }
}
