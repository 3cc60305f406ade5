using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Output;

/// <summary>Writes a record of any stream as one JSON object with Marketo's camelCase names and UTC timestamps.</summary>
/// <remarks>
/// NOTE: <see cref="ExtractedRecord.WriteTo"/> fails for the REST models in Marketo.Extract's current version: its
/// source-generated serializer context cannot bind their init-only <c>[JsonExtensionData]</c> property. Until the
/// library writes them itself, the REST models are written here with reflection-based System.Text.Json, which sets
/// init-only properties like any other; leads and activities still use <see cref="MarketoRecord.WriteTo"/>.
/// </remarks>
internal static class RecordJson
{
    private static readonly JsonSerializerOptions ModelOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new UtcTimestampConverter(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write(Utf8JsonWriter writer, ExtractedRecord record)
    {
        if (record.Value is MarketoRecord marketoRecord)
        {
            marketoRecord.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, record.Value, record.Value.GetType(), ModelOptions);
    }

    /// <summary>Writes timestamps as UTC <c>yyyy-MM-ddTHH:mm:ssZ</c>, with a fraction only when there is one.</summary>
    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(
                value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
                CultureInfo.InvariantCulture));
    }
}
