using System.Text.Json;

namespace Marketo.Extract.Records.Internal;

/// <summary>Decodes the JSON of an activity's <c>attributes</c> column into the fields of one schema.</summary>
internal abstract class ActivityAttributesDecoder
{
    protected ActivityAttributesDecoder(RecordSchema schema) => Schema = schema;

    protected RecordSchema Schema { get; }

    public static ActivityAttributesDecoder Create(RecordSchema schema)
    {
        var fields = schema.FieldSpan;
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Source == RecordFieldSource.ActivityAttributes)
            {
                return new NestedAttributesDecoder(schema, i);
            }
        }

        return new FlattenedAttributesDecoder(schema);
    }

    /// <summary>
    /// Fills the attribute fields of <paramref name="values"/> from the raw, still quoted text of the column
    /// when a fast path can; returns <see langword="false"/>, having changed nothing, when
    /// <see cref="Decode"/> must read the unquoted text instead.
    /// </summary>
    public virtual bool TryDecodeQuoted(ReadOnlySpan<char> cell, object?[] values, long row, ExportFileDecoder file) =>
        false;

    /// <summary>Fills the attribute fields of <paramref name="values"/> from the text of the column.</summary>
    public abstract void Decode(ReadOnlySpan<char> text, object?[] values, long row, ExportFileDecoder file);

    protected static bool IsNull(ReadOnlySpan<char> text) => text.IsEmpty || text.SequenceEqual("null");

    /// <summary>
    /// Throws <see cref="JsonException"/> when the JSON has a <c>\u</c> escape of a surrogate that is not part of a
    /// high-low pair. System.Text.Json parses such text but cannot turn it into a string, so it would fail later.
    /// </summary>
    protected static void RejectLoneSurrogateEscapes(ReadOnlySpan<byte> json)
    {
        var position = JsonEscapes.IndexOfLoneSurrogateEscape(json);
        if (position >= 0)
        {
            throw new JsonException(
                $"The attributes column has the escape of a lone surrogate at byte {position}, which is not valid text.");
        }
    }

    /// <summary>
    /// Reads the members of a legacy attributes array, <c>[{"name":..,"value":..}]</c>; a member without a
    /// <c>value</c> has the value <c>null</c>.
    /// </summary>
    protected static List<LegacyMember> ReadLegacyArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var members = new List<LegacyMember>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("An element of the attributes array is not an object.");
            }

            members.Add(ReadLegacyMember(ref reader, json));
        }

        return members;
    }

    /// <summary>Returns the JSON text of the value the reader is on, and moves the reader past it.</summary>
    protected static ReadOnlySpan<byte> ReadRawValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }

    private static LegacyMember ReadLegacyMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        string? name = null;
        string? apiName = null;
        var valueRange = new Range(0, 0);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = ReadStringMember(ref reader);
            }
            else if (reader.ValueTextEquals("apiName"u8))
            {
                apiName = ReadStringMember(ref reader);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                ReadRawValue(ref reader, json);
                valueRange = new Range(start, (int)reader.BytesConsumed);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (name is null)
        {
            throw new JsonException("An element of the attributes array has no name.");
        }

        return new LegacyMember(name, apiName, valueRange);
    }

    private static string? ReadStringMember(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException("A name in the attributes array is not a string."),
        };
    }

    /// <summary>A member of a legacy attributes array; an empty <see cref="Value"/> range means JSON null.</summary>
    protected readonly record struct LegacyMember(string Name, string? ApiName, Range Value)
    {
        public ReadOnlySpan<byte> GetValue(ReadOnlySpan<byte> json) =>
            Value.End.Value == 0 ? "null"u8 : json[Value];
    }
}
