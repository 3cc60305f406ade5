using System.Text;
using System.Text.Json;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Puts each declared attribute of an activity in its own typed field, and the undeclared ones, as a JSON
/// object, in <c>additional_attributes</c>.
/// </summary>
/// <remarks>
/// An attribute that appears twice in one row keeps its first value; the second goes to
/// <c>additional_attributes</c>, so nothing is dropped. A column that is not a JSON object or array, or that
/// escapes a lone surrogate, is kept whole, as a JSON string in <c>additional_attributes</c>, with a warning.
/// </remarks>
internal sealed class FlattenedAttributesDecoder : ActivityAttributesDecoder
{
    private const int MaxStackSlots = 128;

    private readonly Slot[] _slots;
    private readonly Dictionary<string, int> _slotByName = new(StringComparer.Ordinal);
    private readonly RecordField _additional;
    private readonly int _additionalOrdinal;
    private readonly SlotOrder _order;
    private char[] _unescaped = new char[256];

    public FlattenedAttributesDecoder(RecordSchema schema)
        : base(schema)
    {
        var slots = new List<Slot>();
        var fields = schema.FieldSpan;
        var displayNames = GetDisplayNames(fields);
        _additionalOrdinal = -1;
        for (var ordinal = 0; ordinal < fields.Length; ordinal++)
        {
            var field = fields[ordinal];
            if (field.Source == RecordFieldSource.ActivityAttribute)
            {
                // A name that is both one attribute's display name and another's API name matches the display
                // name only, so that the match does not depend on the slot order that earlier rows left.
                var apiName = field.ApiName is { } name && !displayNames.Contains(name) ? name : null;
                slots.Add(new Slot(field, ordinal, apiName));
            }
            else if (field.Source == RecordFieldSource.UndeclaredActivityAttributes)
            {
                _additionalOrdinal = ordinal;
            }
        }

        // ExportCsvDecoder checks up front that every flattened schema has this field.
        _additional = fields[_additionalOrdinal];
        _slots = [.. slots];
        _order = new SlotOrder(_slots.Length);
        for (var i = 0; i < _slots.Length; i++)
        {
            _slotByName.TryAdd(_slots[i].Field.SourceName, i);
        }

        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Field.ApiName is { } apiName)
            {
                _slotByName.TryAdd(apiName, i);
            }
        }
    }

    public override void Decode(ReadOnlySpan<char> text, object?[] values, long row, ExportFileDecoder file)
    {
        _order.StartRow();
        if (IsNull(text))
        {
            return;
        }

        var json = file.JsonBuffers.ToUtf8(text);
        Span<bool> seen = _slots.Length <= MaxStackSlots ? stackalloc bool[_slots.Length] : new bool[_slots.Length];
        try
        {
            RejectLoneSurrogateEscapes(json);
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var undeclared = reader.TokenType switch
            {
                JsonTokenType.StartObject => ReadObject(ref reader, json, values, seen, row, file),
                JsonTokenType.StartArray => ReadArray(ref reader, json, values, seen, row, file),
                _ => throw new JsonException("The attributes column contains neither an object nor an array."),
            };
            if (reader.Read())
            {
                throw new JsonException("The attributes column has text after its JSON value.");
            }

            if (undeclared)
            {
                file.JsonBuffers.Writer.WriteEndObject();
                values[_additionalOrdinal] = file.JsonBuffers.FinishWriting();
            }
        }
        catch (JsonException)
        {
            KeepWhole(text, values, row, file);
        }
    }

    public override bool TryDecodeQuoted(ReadOnlySpan<char> cell, object?[] values, long row, ExportFileDecoder file)
    {
        if (!QuotedJsonObjectReader.CanRead(cell))
        {
            return false;
        }

        _order.StartRow();
        var reader = new QuotedJsonObjectReader(cell, _unescaped);
        Span<bool> seen = _slots.Length <= MaxStackSlots ? stackalloc bool[_slots.Length] : new bool[_slots.Length];
        var decoded = reader.Start() && ReadQuotedMembers(ref reader, values, seen);
        _unescaped = reader.Scratch;
        if (!decoded)
        {
            foreach (var slot in _slots)
            {
                values[slot.Ordinal] = null;
            }
        }

        return decoded;
    }

    /// <summary>
    /// Reads the members of a quoted attributes cell; returns <see langword="false"/> for anything that needs
    /// the slow path: an undeclared or repeated attribute, a value that is kept as text with a warning, or JSON
    /// that <see cref="QuotedJsonObjectReader"/> does not read.
    /// </summary>
    /// <remarks>
    /// Members in compact form are read with <see cref="QuotedJsonObjectReader.TryReadCompactMember"/>, with the
    /// position in a local; the reader takes over from that position for anything else and for the end.
    /// </remarks>
    private bool ReadQuotedMembers(ref QuotedJsonObjectReader reader, object?[] values, scoped Span<bool> seen)
    {
        var text = reader.Text;
        var position = reader.Position;
        var afterMember = false;
        while (true)
        {
            var predicted = _order.Count == 0 ? -1 : _order.Predicted;
            var expected = predicted < 0 ? null : _slots[predicted].ExpectedName;
            var droppedNul = false;
            if (!QuotedJsonObjectReader.TryReadCompactMember(
                text,
                ref position,
                afterMember,
                expected,
                out var isExpected,
                out var name,
                out var type,
                out var value,
                out var wholeNumber))
            {
                reader.MoveTo(position, afterMember);
                switch (reader.Read(expected, out isExpected, out name, out type, out value))
                {
                    case QuotedJsonToken.End:
                        return true;
                    case QuotedJsonToken.Unsupported:
                        return false;
                }

                position = reader.Position;
                droppedNul = reader.DroppedNul;
                wholeNumber = -1;
            }

            afterMember = true;
            var slot = isExpected ? predicted : FindSlot(name);
            if (slot < 0 || seen[slot] || (droppedNul && _slots[slot].Kind != FieldKind.String))
            {
                return false;
            }

            // The compact read has already parsed plain digits, so an integer field takes that value.
            object? converted;
            if (wholeNumber >= 0 && _slots[slot].Kind == FieldKind.Integer)
            {
                converted = CellParser.Box(wholeNumber);
            }
            else if (!TryConvert(_slots[slot], type, value, out converted))
            {
                return false;
            }

            seen[slot] = true;
            _order.Matched(slot);
            RowValues.Set(values, _slots[slot].Ordinal, converted);
        }
    }

    private static bool TryConvert(in Slot slot, JsonTokenType type, ReadOnlySpan<char> value, out object? converted)
    {
        var kind = slot.Kind;
        converted = null;
        switch (type)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.True or JsonTokenType.False:
                var flag = type == JsonTokenType.True;
                if (kind == FieldKind.Boolean)
                {
                    converted = CellParser.Box(flag);
                    return true;
                }

                // A boolean in a text attribute is kept as its JSON text; any other kind needs a warning.
                converted = flag ? "true" : "false";
                return kind == FieldKind.String;
            default:
                if (value.IsEmpty)
                {
                    return true;
                }

                if (kind == FieldKind.String)
                {
                    converted = slot.Strings.GetOrAdd(value);
                    return true;
                }

                if (CellParser.TryParseCommonForm(value, kind, out var common))
                {
                    converted = common;
                    return true;
                }

                var parsed = CellParser.TryParse(value, kind, out var typed);
                converted = typed;
                return parsed;
        }
    }

    private bool ReadObject(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> json,
        object?[] values,
        scoped Span<bool> seen,
        long row,
        ExportFileDecoder file)
    {
        var undeclared = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = FindSlot(ref reader);
            if (slot >= 0 && !seen[slot])
            {
                seen[slot] = true;
                _order.Matched(slot);
                reader.Read();
                values[_slots[slot].Ordinal] = ReadValue(ref reader, json, _slots[slot].Field, row, file);
                continue;
            }

            var name = reader.GetString()!;
            reader.Read();
            AddUndeclared(ref undeclared, name, ReadRawValue(ref reader, json), row, file);
        }

        return undeclared;
    }

    private bool ReadArray(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> json,
        object?[] values,
        scoped Span<bool> seen,
        long row,
        ExportFileDecoder file)
    {
        var undeclared = false;
        foreach (var member in ReadLegacyArray(ref reader, json))
        {
            var value = member.GetValue(json);
            if ((_slotByName.TryGetValue(member.Name, out var slot)
                    || (member.ApiName is not null && _slotByName.TryGetValue(member.ApiName, out slot)))
                && !seen[slot])
            {
                seen[slot] = true;
                var valueReader = new Utf8JsonReader(value);
                valueReader.Read();
                values[_slots[slot].Ordinal] = ReadValue(ref valueReader, value, _slots[slot].Field, row, file);
                continue;
            }

            AddUndeclared(ref undeclared, member.Name, value, row, file);
        }

        return undeclared;
    }

    private int FindSlot(ref Utf8JsonReader reader)
    {
        for (var step = 0; step < _slots.Length; step++)
        {
            var slot = _order.Candidate(step);
            if (_slots[slot].Matches(ref reader))
            {
                return slot;
            }
        }

        return -1;
    }

    private int FindSlot(ReadOnlySpan<char> name)
    {
        for (var step = 0; step < _slots.Length; step++)
        {
            var slot = _order.Candidate(step);
            if (_slots[slot].Matches(name))
            {
                return slot;
            }
        }

        return -1;
    }

    private void AddUndeclared(ref bool started, string name, ReadOnlySpan<byte> value, long row, ExportFileDecoder file)
    {
        var writer = file.JsonBuffers.Writer;
        if (!started)
        {
            started = true;
            file.JsonBuffers.StartWriting();
            writer.WriteStartObject();
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(value, skipInputValidation: true);
        file.CountUndeclaredAttribute(Schema, name, row);
    }

    private object? ReadValue(
        ref Utf8JsonReader reader, ReadOnlySpan<byte> json, RecordField field, long row, ExportFileDecoder file)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True or JsonTokenType.False:
                return ReadBoolean(reader.TokenType == JsonTokenType.True, field, row, file);
            case JsonTokenType.String when field.Kind == FieldKind.String:
                // A JSON escape can carry a NUL that the byte-level filter never saw; drop it the same way.
                var text = reader.GetString()!;
                if (text.Contains('\0', StringComparison.Ordinal))
                {
                    text = text.Replace("\0", string.Empty, StringComparison.Ordinal);
                }

                return text.Length == 0 ? null : text;
            case JsonTokenType.String or JsonTokenType.Number:
                var value = file.JsonBuffers.GetTokenText(ref reader);
                if (value.IsEmpty)
                {
                    return null;
                }

                return field.Kind == FieldKind.String ? value.ToString() : file.ParseText(value, Schema, field, row);
            default:
                var raw = Encoding.UTF8.GetString(ReadRawValue(ref reader, json));
                return field.Kind == FieldKind.String ? raw : file.ParseText(raw, Schema, field, row);
        }
    }

    private object ReadBoolean(bool flag, RecordField field, long row, ExportFileDecoder file)
    {
        if (field.Kind == FieldKind.Boolean)
        {
            return CellParser.Box(flag);
        }

        var text = flag ? "true" : "false";
        if (field.Kind != FieldKind.String)
        {
            file.KeepAsText(Schema, field, row, text);
        }

        return text;
    }

    private static HashSet<string> GetDisplayNames(ReadOnlySpan<RecordField> fields)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Source == RecordFieldSource.ActivityAttribute)
            {
                names.Add(field.SourceName);
            }
        }

        return names;
    }

    private void KeepWhole(ReadOnlySpan<char> text, object?[] values, long row, ExportFileDecoder file)
    {
        foreach (var slot in _slots)
        {
            values[slot.Ordinal] = null;
        }

        values[_additionalOrdinal] = file.JsonBuffers.ToJsonString(text);
        file.KeepAsText(Schema, _additional, row, text.ToString());
    }

    private readonly struct Slot(RecordField field, int ordinal, string? apiName)
    {
        private readonly byte[]? _apiNameUtf8 = apiName is null ? null : Encoding.UTF8.GetBytes(apiName);

        public RecordField Field { get; } = field;

        /// <summary>Gets the kind of <see cref="Field"/>, kept here so that the fast path does not load the field.</summary>
        public FieldKind Kind { get; } = field.Kind;

        /// <summary>Gets the display name of the attribute, which is the field's source name.</summary>
        public string Name { get; } = field.SourceName;

        public int Ordinal { get; } = ordinal;

        /// <summary>
        /// Gets the strings of this attribute's recent values, shared between rows. Attribute values such as
        /// user agents and page addresses can be long and repeat, so longer values are kept than for columns.
        /// </summary>
        public StringCache Strings { get; } = new(maxLength: 512);

        /// <summary>
        /// Gets the display name to try first when this attribute is predicted next, or <see langword="null"/>
        /// when the name has a quote, backslash or control character and needs the full search.
        /// </summary>
        public string? ExpectedName { get; } =
            QuotedJsonObjectReader.CanExpect(field.SourceName) ? field.SourceName : null;

        public bool Matches(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals(Field.SourceNameUtf8)
            || (_apiNameUtf8 is not null && reader.ValueTextEquals(_apiNameUtf8));

        public bool Matches(ReadOnlySpan<char> name) =>
            (name.Length == Name.Length && name.SequenceEqual(Name))
            || (apiName is not null && name.SequenceEqual(apiName));
    }
}
