using System.Text.Json;

namespace Marketo.Extract.Records.Internal;

/// <summary>
/// Keeps an activity's attributes as one JSON object keyed by display name, with Marketo's JSON values.
/// </summary>
/// <remarks>
/// A legacy array <c>[{"name":..,"value":..}]</c> becomes the equivalent object, <c>[]</c> and <c>{}</c> an
/// empty object, and an empty or <c>null</c> column null. A column that is not a JSON object or array, or that
/// escapes a lone surrogate, is kept as a JSON string holding its text, with a warning.
/// </remarks>
internal sealed class NestedAttributesDecoder : ActivityAttributesDecoder
{
    private static readonly JsonElement EmptyObject = CreateEmptyObject();

    private readonly int _ordinal;

    public NestedAttributesDecoder(RecordSchema schema, int ordinal)
        : base(schema) => _ordinal = ordinal;

    public override void Decode(ReadOnlySpan<char> text, object?[] values, long row, ExportFileDecoder file)
    {
        if (IsNull(text))
        {
            return;
        }

        var json = file.JsonBuffers.ToUtf8(text);
        try
        {
            RejectLoneSurrogateEscapes(json);
            values[_ordinal] = ParseAttributes(json, file.JsonBuffers);
        }
        catch (JsonException)
        {
            values[_ordinal] = file.JsonBuffers.ToJsonString(text);
            file.KeepAsText(Schema, Schema.Fields[_ordinal], row, text.ToString());
        }
    }

    private static JsonElement ParseAttributes(ReadOnlySpan<byte> json, JsonScratch buffers)
    {
        if (json.SequenceEqual("{}"u8) || json.SequenceEqual("[]"u8))
        {
            return EmptyObject;
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        JsonElement attributes;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            attributes = JsonElement.ParseValue(ref reader);
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            attributes = ToObject(ReadLegacyArray(ref reader, json), json, buffers);
        }
        else
        {
            throw new JsonException("The attributes column contains neither an object nor an array.");
        }

        if (reader.Read())
        {
            throw new JsonException("The attributes column has text after its JSON value.");
        }

        return attributes;
    }

    private static JsonElement CreateEmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static JsonElement ToObject(List<LegacyMember> members, ReadOnlySpan<byte> json, JsonScratch buffers)
    {
        buffers.StartWriting();
        buffers.Writer.WriteStartObject();
        foreach (var member in members)
        {
            buffers.Writer.WritePropertyName(member.Name);
            buffers.Writer.WriteRawValue(member.GetValue(json), skipInputValidation: true);
        }

        buffers.Writer.WriteEndObject();
        return buffers.FinishWriting();
    }
}
