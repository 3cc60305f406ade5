using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Marketo.Extract.Records.Internal;

/// <summary>What <see cref="QuotedJsonObjectReader.Read"/> found.</summary>
internal enum QuotedJsonToken
{
    /// <summary>A member whose value is a string, number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    Member,

    /// <summary>The end of the object, with nothing after it.</summary>
    End,

    /// <summary>
    /// Something the reader leaves to <see cref="Utf8JsonReader"/>: an escape in a name, an object or array
    /// value, a surrogate escape that is not part of a pair, a quote that is not doubled, or text that is not
    /// valid JSON.
    /// </summary>
    Unsupported,
}

/// <summary>
/// Reads a flat JSON object straight from the raw text of a quoted CSV cell, where every quote of the JSON is
/// doubled, without unquoting the cell or encoding it to UTF-8 first.
/// </summary>
/// <remarks>
/// This is the fast path for the <c>attributes</c> column of activity exports. It accepts only text that
/// <see cref="Utf8JsonReader"/> accepts too, and reads it to the same values. For everything else it returns
/// <see cref="QuotedJsonToken.Unsupported"/>, so that the caller can start again on the slow path and get the
/// same result and the same errors.
/// </remarks>
internal ref struct QuotedJsonObjectReader
{
    // The characters JSON does not allow unescaped in a string.
    private const string ControlCharacters =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F";

    // Where a run of plain string text ends: a quote, a backslash, or a control character.
    private static readonly SearchValues<char> StringStops = SearchValues.Create("\"\\" + ControlCharacters);

    // A backslash or a control character. A cell without any needs only its quotes found.
    private static readonly SearchValues<char> EscapesAndControls = SearchValues.Create("\\" + ControlCharacters);

    private readonly ReadOnlySpan<char> _text;

    // Whether the cell has no backslash and no control character, so that only a quote can end a string. It is
    // found when Read first searches a string, because cells that TryReadCompactMember reads whole never need it.
    private bool? _onlyQuotesStop;
    private char[] _scratch;
    private int _position;
    private bool _afterMember;
    private bool _droppedNul;

    /// <summary>Initializes a reader over the raw cell, enclosing quotes included.</summary>
    /// <param name="cell">The raw cell text as Sep split it, which starts and ends with a quote.</param>
    /// <param name="scratch">A buffer for values with escapes; <see cref="Scratch"/> returns it, grown if needed.</param>
    public QuotedJsonObjectReader(ReadOnlySpan<char> cell, char[] scratch)
    {
        _text = cell.Length >= 2 ? cell[1..^1] : [];
        _onlyQuotesStop = null;
        _scratch = scratch;
        _position = 0;
        _afterMember = false;
    }

    /// <summary>Gets the text of the cell without its enclosing quotes, which positions index.</summary>
    public readonly ReadOnlySpan<char> Text => _text;

    /// <summary>Gets the position of the next character to read.</summary>
    public readonly int Position => _position;

    /// <summary>
    /// Continues at <paramref name="position"/>, after members that <see cref="TryReadCompactMember"/> read when
    /// <paramref name="afterMember"/> is set.
    /// </summary>
    public void MoveTo(int position, bool afterMember)
    {
        _position = position;
        _afterMember = afterMember;
    }

    /// <summary>Gets the scratch buffer, which may have been replaced by a larger one.</summary>
    public readonly char[] Scratch => _scratch;

    /// <summary>
    /// Gets whether the last string value read had a NUL escape (<c>\u0000</c>), which is left out of the value.
    /// The slow path drops NUL from text values too, but keeps it in values of other kinds.
    /// </summary>
    public readonly bool DroppedNul => _droppedNul;

    /// <summary>Returns whether the cell is quoted, so that this reader can read it.</summary>
    public static bool CanRead(ReadOnlySpan<char> cell) => cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"';

    /// <summary>Reads the opening brace; returns <see langword="false"/> when the text is not an object.</summary>
    public bool Start()
    {
        SkipWhitespace();
        if (_position < _text.Length && _text[_position] == '{')
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Returns whether a name can be passed to <see cref="Read"/> as the expected one.</summary>
    public static bool CanExpect(string name) => !name.AsSpan().ContainsAny(StringStops);

    /// <summary>
    /// Reads the next member. The name and a string or number value are valid until the next call; a string
    /// value is unescaped.
    /// </summary>
    /// <param name="expectedName">
    /// The name the caller expects next, or <see langword="null"/>. It must pass <see cref="CanExpect"/>. When the
    /// member has this name, it is matched with one comparison, and <paramref name="name"/> is empty.
    /// </param>
    /// <param name="isExpected">Whether the member has <paramref name="expectedName"/>.</param>
    /// <param name="name">The name, when it is not the expected one.</param>
    /// <param name="type">The type of the value.</param>
    /// <param name="value">The text of a string or number value.</param>
    public QuotedJsonToken Read(
        string? expectedName,
        out bool isExpected,
        out ReadOnlySpan<char> name,
        out JsonTokenType type,
        out ReadOnlySpan<char> value)
    {
        isExpected = false;
        name = default;
        value = default;
        type = JsonTokenType.None;
        _droppedNul = false;
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            return QuotedJsonToken.Unsupported;
        }

        if (_text[_position] == '}')
        {
            _position++;
            SkipWhitespace();
            return _position == _text.Length ? QuotedJsonToken.End : QuotedJsonToken.Unsupported;
        }

        if (_afterMember)
        {
            if (_text[_position] != ',')
            {
                return QuotedJsonToken.Unsupported;
            }

            _position++;
            SkipWhitespace();
        }

        _afterMember = true;
        isExpected = expectedName is not null && SkipName(expectedName);
        return (isExpected || ReadName(out name)) && ReadColon() && ReadValue(out type, out value)
            ? QuotedJsonToken.Member
            : QuotedJsonToken.Unsupported;
    }

    /// <summary>
    /// Reads a member in the form nearly every attributes cell has, compact JSON without escapes: a comma unless it
    /// is the first member, the name in doubled quotes, a colon, and a value. Returns <see langword="false"/>, with
    /// <paramref name="position"/> unchanged, for anything else, which <see cref="Read"/> then reads after
    /// <see cref="MoveTo"/>.
    /// </summary>
    /// <remarks>
    /// It accepts a subset of what <see cref="Read"/> accepts and reads it to the same name, type and value.
    /// <see cref="Read"/> keeps its position in the reader, so every step of every member goes through memory, and
    /// it checks for whitespace between every two tokens; here the position is the caller's local and the form is
    /// fixed. The name is compared with <paramref name="expectedName"/> as <see cref="Read"/> does, and a string
    /// value has no escapes, so it is its text. A number of 1 to 18 plain digits also comes out as
    /// <paramref name="wholeNumber"/>, which is -1 for every other value, so that an integer field need not parse
    /// the digits again.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadCompactMember(
        ReadOnlySpan<char> text,
        scoped ref int position,
        bool afterMember,
        string? expectedName,
        out bool isExpected,
        out ReadOnlySpan<char> name,
        out JsonTokenType type,
        out ReadOnlySpan<char> value,
        out long wholeNumber)
    {
        isExpected = false;
        name = default;
        type = JsonTokenType.None;
        value = default;
        wholeNumber = -1;
        var at = position;
        if (afterMember)
        {
            if (Peek(text, at) != ',')
            {
                return false;
            }

            at++;
        }

        if (!TryReadPlainString(text, ref at, out var memberName) || Peek(text, at) != ':')
        {
            return false;
        }

        at++;
        switch (Peek(text, at))
        {
            case '"':
                type = JsonTokenType.String;
                if (!TryReadPlainString(text, ref at, out value))
                {
                    return false;
                }

                break;
            default:
                if (!TryReadLiteralOrNumber(text, ref at, out type, out value, out wholeNumber))
                {
                    return false;
                }

                break;
        }

        isExpected = expectedName is not null && memberName.SequenceEqual(expectedName);
        name = isExpected ? default : memberName;
        position = at;
        return true;
    }

    /// <summary>
    /// Returns where a number of plain digits that starts at <paramref name="start"/> ends, or -1 for any other
    /// number or text, which <see cref="ScanNumber"/> then reads: a sign, a fraction, an exponent, or a leading zero.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="start">Where the number starts.</param>
    /// <param name="number">The value of a number of 1 to 18 digits, which always fits a long; otherwise -1.</param>
    private static int ScanPlainDigits(ReadOnlySpan<char> text, int start, out long number)
    {
        number = 0;
        var end = start;
        while ((uint)end < (uint)text.Length && char.IsAsciiDigit(text[end]))
        {
            number = (number * 10) + (text[end] - '0');
            end++;
            if (end - start > 18)
            {
                number = -1;
                return -1;
            }
        }

        var plain = end > start
            && (text[start] != '0' || end == start + 1)
            && ((uint)end >= (uint)text.Length || text[end] is not ('.' or 'e' or 'E'));
        if (!plain)
        {
            number = -1;
            return -1;
        }

        return end;
    }

    /// <summary>
    /// Reads a JSON string in doubled quotes that has no backslash and no control character, so that its text is
    /// its value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadPlainString(ReadOnlySpan<char> text, scoped ref int position, out ReadOnlySpan<char> value)
    {
        value = default;
        if (!IsDoubledQuote(text, position))
        {
            return false;
        }

        var start = position + 2;

        var length = text[start..].IndexOfAny(StringStops);
        if (length < 0 || text[start + length] != '"' || !IsDoubledQuote(text, start + length))
        {
            return false;
        }

        value = text.Slice(start, length);
        position = start + length + 2;
        return true;
    }

    /// <summary>
    /// Skips the name when it is <paramref name="expected"/>. A name without quotes, backslashes or control
    /// characters that is followed by a doubled quote is the whole JSON string, so one comparison decides.
    /// </summary>
    private bool SkipName(string expected)
    {
        var rest = _text[_position..];
        var length = expected.Length;
        if (rest.Length < length + 4
            || !IsDoubledQuote(rest, 0)
            || !IsDoubledQuote(rest, length + 2)
            || !rest.Slice(2, length).SequenceEqual(expected))
        {
            return false;
        }

        _position += length + 4;
        return true;
    }

    private bool ReadName(out ReadOnlySpan<char> name) => TryReadPlainString(_text, ref _position, out name);

    private bool ReadColon()
    {
        SkipWhitespace();
        if (_position >= _text.Length || _text[_position] != ':')
        {
            return false;
        }

        _position++;
        SkipWhitespace();
        return _position < _text.Length;
    }

    private bool ReadValue(out JsonTokenType type, out ReadOnlySpan<char> value)
    {
        value = default;
        switch (_text[_position])
        {
            case '"':
                type = JsonTokenType.String;
                return ReadString(out value);
            default:
                return TryReadLiteralOrNumber(_text, ref _position, out type, out value, out _);
        }
    }

    private bool ReadString(out ReadOnlySpan<char> value)
    {
        value = default;
        if (!SkipDoubledQuote())
        {
            return false;
        }

        var rest = _text[_position..];
        var stop = IndexOfStop(rest);
        if (stop < 0 || rest[stop] < ' ')
        {
            return false;
        }

        if (rest[stop] == '"')
        {
            if (!IsDoubledQuote(rest, stop))
            {
                return false;
            }

            value = rest[..stop];
            _position += stop + 2;
            return true;
        }

        return ReadEscapedString(rest, stop, out value);
    }

    private bool ReadEscapedString(ReadOnlySpan<char> rest, int firstEscape, out ReadOnlySpan<char> value)
    {
        value = default;
        if (_scratch.Length < rest.Length)
        {
            _scratch = new char[Math.Max(rest.Length, _scratch.Length * 2)];
        }

        rest[..firstEscape].CopyTo(_scratch);
        var written = firstEscape;
        var position = firstEscape;
        while (true)
        {
            if (rest[position] == '"')
            {
                if (!IsDoubledQuote(rest, position))
                {
                    return false;
                }

                value = _scratch.AsSpan(0, written);
                _position += position + 2;
                return true;
            }

            if (!ReadEscape(rest, ref position, ref written))
            {
                return false;
            }

            var run = rest[position..];
            var stop = run.IndexOfAny(StringStops);
            if (stop < 0 || run[stop] < ' ')
            {
                return false;
            }

            run[..stop].CopyTo(_scratch.AsSpan(written));
            written += stop;
            position += stop;
        }
    }

    /// <summary>Unescapes the escape at <paramref name="position"/>, which is a backslash.</summary>
    private bool ReadEscape(ReadOnlySpan<char> rest, ref int position, ref int written)
    {
        if (position + 1 >= rest.Length)
        {
            return false;
        }

        var escaped = rest[position + 1];
        if (escaped == '"')
        {
            // The escaped quote is doubled in the CSV cell too: \"" is one quote.
            if (!IsDoubledQuote(rest, position + 1))
            {
                return false;
            }

            _scratch[written++] = '"';
            position += 3;
            return true;
        }

        if (escaped == 'u')
        {
            return ReadUnicodeEscape(rest, ref position, ref written);
        }

        char? unescaped = escaped switch
        {
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => null,
        };
        if (unescaped is not { } character)
        {
            return false;
        }

        _scratch[written++] = character;
        position += 2;
        return true;
    }

    private bool ReadUnicodeEscape(ReadOnlySpan<char> rest, ref int position, ref int written)
    {
        if (!TryReadHex(rest, position + 2, out var code))
        {
            return false;
        }

        if (code == '\0')
        {
            _droppedNul = true;
            position += 6;
            return true;
        }

        if (!char.IsSurrogate(code))
        {
            _scratch[written++] = code;
            position += 6;
            return true;
        }

        // A high surrogate escape followed by a low one is one character, as Utf8JsonReader reads it. A surrogate
        // escape on its own is left to the slow path, which keeps the whole cell as text.
        if (!char.IsHighSurrogate(code)
            || position + 7 >= rest.Length
            || rest[position + 6] != '\\'
            || rest[position + 7] != 'u'
            || !TryReadHex(rest, position + 8, out var low)
            || !char.IsLowSurrogate(low))
        {
            return false;
        }

        _scratch[written++] = code;
        _scratch[written++] = low;
        position += 12;
        return true;
    }

    private static bool TryReadHex(ReadOnlySpan<char> rest, int start, out char code)
    {
        code = '\0';
        if (start + 4 > rest.Length)
        {
            return false;
        }

        var value = 0;
        foreach (var digit in rest.Slice(start, 4))
        {
            var nibble = char.IsAsciiDigit(digit) ? digit - '0'
                : char.IsAsciiHexDigitLower(digit) ? digit - 'a' + 10
                : char.IsAsciiHexDigitUpper(digit) ? digit - 'A' + 10
                : -1;
            if (nibble < 0)
            {
                return false;
            }

            value = (value << 4) | nibble;
        }

        code = (char)value;
        return true;
    }

    /// <summary>
    /// Returns where the number that starts at <paramref name="start"/> ends, or -1 when the text there does not
    /// follow JSON's grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.
    /// </summary>
    private static int ScanNumber(ReadOnlySpan<char> text, int start)
    {
        var position = start;
        if (Peek(text, position) == '-')
        {
            position++;
        }

        if (Peek(text, position) == '0')
        {
            position++;
        }
        else if (!SkipDigits(text, ref position))
        {
            return -1;
        }

        if (Peek(text, position) == '.')
        {
            position++;
            if (!SkipDigits(text, ref position))
            {
                return -1;
            }
        }

        if (Peek(text, position) is 'e' or 'E')
        {
            position++;
            if (Peek(text, position) is '+' or '-')
            {
                position++;
            }

            if (!SkipDigits(text, ref position))
            {
                return -1;
            }
        }

        return position;
    }

    /// <summary>
    /// Reads a value other than a string at <paramref name="position"/>: <c>true</c>, <c>false</c>, <c>null</c> or a
    /// number, which must end where a value may end.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="position">Where the value starts; on success, where it ends.</param>
    /// <param name="type">The type of the value.</param>
    /// <param name="value">The text of a number.</param>
    /// <param name="wholeNumber">The value of a number of 1 to 18 plain digits; otherwise -1.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLiteralOrNumber(
        ReadOnlySpan<char> text,
        scoped ref int position,
        out JsonTokenType type,
        out ReadOnlySpan<char> value,
        out long wholeNumber)
    {
        value = default;
        wholeNumber = -1;
        int end;
        switch (Peek(text, position))
        {
            case 't':
                type = JsonTokenType.True;
                end = LiteralEnd(text, position, "true");
                break;
            case 'f':
                type = JsonTokenType.False;
                end = LiteralEnd(text, position, "false");
                break;
            case 'n':
                type = JsonTokenType.Null;
                end = LiteralEnd(text, position, "null");
                break;
            default:
                type = JsonTokenType.Number;
                end = ScanPlainDigits(text, position, out wholeNumber);
                if (end < 0)
                {
                    end = ScanNumber(text, position);
                }

                break;
        }

        if (end < 0 || !IsValueEnd(text, end))
        {
            wholeNumber = -1;
            return false;
        }

        if (type == JsonTokenType.Number)
        {
            value = text[position..end];
        }

        position = end;
        return true;
    }

    /// <summary>Returns where <paramref name="literal"/> ends when the text at <paramref name="position"/> starts with it; otherwise -1.</summary>
    private static int LiteralEnd(ReadOnlySpan<char> text, int position, string literal) =>
        text[position..].StartsWith(literal, StringComparison.Ordinal) ? position + literal.Length : -1;

    private static bool SkipDigits(ReadOnlySpan<char> text, ref int position)
    {
        var start = position;
        while (char.IsAsciiDigit(Peek(text, position)))
        {
            position++;
        }

        return position > start;
    }

    private static bool IsValueEnd(ReadOnlySpan<char> text, int position) =>
        Peek(text, position) is ',' or '}' or ' ' or '\t' or '\n' or '\r';

    private static char Peek(ReadOnlySpan<char> text, int position) =>
        position < text.Length ? text[position] : '\0';

    private bool SkipDoubledQuote()
    {
        if (!IsDoubledQuote(_text, _position))
        {
            return false;
        }

        _position += 2;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SkipWhitespace()
    {
        // The first test is false for every character of compact JSON, so the pattern match rarely runs.
        while (_position < _text.Length && _text[_position] <= ' ' && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    /// <summary>
    /// Returns where a run of string text ends. In a cell without backslashes or control characters, only a quote
    /// can end it.
    /// </summary>
    private int IndexOfStop(ReadOnlySpan<char> text)
    {
        _onlyQuotesStop ??= !_text.ContainsAny(EscapesAndControls);
        return _onlyQuotesStop.Value ? text.IndexOf('"') : text.IndexOfAny(StringStops);
    }

    private static bool IsDoubledQuote(ReadOnlySpan<char> text, int index) =>
        index + 1 < text.Length && text[index] == '"' && text[index + 1] == '"';
}
