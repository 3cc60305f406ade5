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
    private readonly bool _onlyQuotesStop;
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
        _onlyQuotesStop = !_text.ContainsAny(EscapesAndControls);
        _scratch = scratch;
        _position = 0;
        _afterMember = false;
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

    private bool ReadName(out ReadOnlySpan<char> name)
    {
        name = default;
        if (!SkipDoubledQuote())
        {
            return false;
        }

        var rest = _text[_position..];
        var stop = IndexOfStop(rest);
        if (stop < 0 || !IsDoubledQuote(rest, stop))
        {
            return false;
        }

        name = rest[..stop];
        _position += stop + 2;
        return true;
    }

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
            case 't':
                type = JsonTokenType.True;
                return ReadLiteral("true");
            case 'f':
                type = JsonTokenType.False;
                return ReadLiteral("false");
            case 'n':
                type = JsonTokenType.Null;
                return ReadLiteral("null");
            default:
                type = JsonTokenType.Number;
                return ReadNumber(out value);
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

    /// <summary>Reads a number by JSON's grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private bool ReadNumber(out ReadOnlySpan<char> value)
    {
        var start = _position;
        value = default;
        var position = _position;
        if (Peek(position) == '-')
        {
            position++;
        }

        if (Peek(position) == '0')
        {
            position++;
        }
        else if (!SkipDigits(ref position))
        {
            return false;
        }

        if (Peek(position) == '.')
        {
            position++;
            if (!SkipDigits(ref position))
            {
                return false;
            }
        }

        if (Peek(position) is 'e' or 'E')
        {
            position++;
            if (Peek(position) is '+' or '-')
            {
                position++;
            }

            if (!SkipDigits(ref position))
            {
                return false;
            }
        }

        if (!IsValueEnd(position))
        {
            return false;
        }

        value = _text[start..position];
        _position = position;
        return true;
    }

    private bool ReadLiteral(string literal)
    {
        if (!_text[_position..].StartsWith(literal, StringComparison.Ordinal) || !IsValueEnd(_position + literal.Length))
        {
            return false;
        }

        _position += literal.Length;
        return true;
    }

    private readonly bool SkipDigits(ref int position)
    {
        var start = position;
        while (char.IsAsciiDigit(Peek(position)))
        {
            position++;
        }

        return position > start;
    }

    private readonly bool IsValueEnd(int position) => Peek(position) is ',' or '}' or ' ' or '\t' or '\n' or '\r';

    private readonly char Peek(int position) => position < _text.Length ? _text[position] : '\0';

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
    private readonly int IndexOfStop(ReadOnlySpan<char> text) =>
        _onlyQuotesStop ? text.IndexOf('"') : text.IndexOfAny(StringStops);

    private static bool IsDoubledQuote(ReadOnlySpan<char> text, int index) =>
        index + 1 < text.Length && text[index] == '"' && text[index + 1] == '"';
}
