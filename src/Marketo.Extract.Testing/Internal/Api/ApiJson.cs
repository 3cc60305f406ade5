using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketo.Extract.Testing.Internal.Api;

/// <summary>Converts typed dataset values to JSON the way Marketo's responses carry them.</summary>
internal static class ApiJson
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonNode? Node(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        DateTimeOffset instant => JsonValue.Create(Timestamps.Utc(instant)),
        DateOnly date => JsonValue.Create(Timestamps.Date(date)),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>
    /// Returns whether every string and property name in the element decodes to valid UTF-16 text.
    /// <see cref="JsonDocument"/> accepts a lone surrogate escape such as <c>\ud800</c> and invalid UTF-8 bytes
    /// inside a string, and throws <see cref="InvalidOperationException"/> only when that text is read.
    /// </summary>
    public static bool HasValidText(JsonElement element)
    {
        try
        {
            return CheckText(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool CheckText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(CheckText);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    if (!CheckText(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case long number: writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteNumberValue(number); break;
            case double number: writer.WriteNumberValue(number); break;
            case DateTimeOffset instant: writer.WriteStringValue(Timestamps.Utc(instant)); break;
            case DateOnly date: writer.WriteStringValue(Timestamps.Date(date)); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
