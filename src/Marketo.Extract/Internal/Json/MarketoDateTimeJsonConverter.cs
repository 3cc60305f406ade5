using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Internal.Json;

/// <summary>Reads every Marketo timestamp form through <see cref="MarketoDateTime"/>, normalised to UTC.</summary>
internal sealed class MarketoDateTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a timestamp string but found {reader.TokenType}.");
        }

        var text = reader.GetString();
        if (text is not null && MarketoDateTime.TryParse(text, out var value))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not a Marketo timestamp; expected ISO 8601 such as 2024-01-31T12:00:00Z.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(MarketoDateTime.FormatFilter(value));
    }
}

/// <summary>
/// Reads an optional Marketo timestamp; an empty string, which some responses send for an unset time, reads as
/// <see langword="null"/>.
/// </summary>
internal sealed class NullableMarketoDateTimeJsonConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly MarketoDateTimeJsonConverter Inner = new();

    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null
            || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(ReadOnlySpan<byte>.Empty)))
        {
            return null;
        }

        return Inner.Read(ref reader, typeof(DateTimeOffset), options);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } instant)
        {
            Inner.Write(writer, instant, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
