using System.Text.Json;
using System.Text.Json.Serialization;
using Marketo.Extract.Internal;
using Marketo.Extract.Models;

namespace Marketo.Extract.Streams.Internal;

/// <summary>Writes the REST stream models as JSON with Marketo's camelCase names and UTC timestamps ending in Z.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcDateTimeOffsetConverter)])]
[JsonSerializable(typeof(ActivityType))]
[JsonSerializable(typeof(Campaign))]
[JsonSerializable(typeof(StaticList))]
[JsonSerializable(typeof(MarketoProgram))]
[JsonSerializable(typeof(LeadActivity))]
internal sealed partial class OutputJsonContext : JsonSerializerContext;

/// <summary>Reads any Marketo timestamp form and writes UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c>, with fractions when present.</summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        MarketoDateTime.Parse(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(
            value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
            System.Globalization.CultureInfo.InvariantCulture));
}
