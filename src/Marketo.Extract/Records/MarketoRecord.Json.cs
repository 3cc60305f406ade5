using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Records;

public sealed partial class MarketoRecord
{
    /// <summary>
    /// Writes the record as one JSON object, field by field in schema order, straight to the writer.
    /// </summary>
    /// <param name="writer">The writer; the object is written as its next value.</param>
    /// <remarks>
    /// Null is <c>null</c>; <see cref="long"/>, <see cref="decimal"/> and <see cref="double"/> are JSON numbers
    /// (decimals exactly as parsed, doubles in their shortest round-trippable form); <see cref="bool"/> is
    /// <c>true</c> or <c>false</c>; <see cref="DateOnly"/> is <c>"yyyy-MM-dd"</c>; <see cref="DateTimeOffset"/>
    /// and <see cref="DateTime"/> are ISO 8601 in UTC with <c>Z</c>, fractional seconds only when present;
    /// a <see cref="JsonElement"/> is written as it is; strings and other values that records built by hand
    /// may hold (<see cref="Guid"/>, <see cref="TimeSpan"/>, other numbers) are written in their invariant form.
    /// </remarks>
    /// <exception cref="NotSupportedException">A value has a type that has no JSON form here.</exception>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);

        var fields = Schema.FieldSpan;
        writer.WriteStartObject();
        for (var i = 0; i < _values.Length; i++)
        {
            writer.WritePropertyName(fields[i].EncodedName);
            WriteValue(writer, fields[i], _values[i]);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one value as <see cref="WriteTo"/> does, as the writer's next value.</summary>
    internal static void WriteValue(Utf8JsonWriter writer, RecordField field, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset instant:
                WriteInstant(writer, instant.UtcDateTime);
                break;
            case DateOnly date:
                WriteDate(writer, date);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            default:
                WriteOtherValue(writer, field, value);
                break;
        }
    }

    private static void WriteOtherValue(Utf8JsonWriter writer, RecordField field, object value)
    {
        switch (value)
        {
            case int number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case DateTime time:
                WriteInstant(writer, time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time);
                break;
            case Guid or TimeSpan or TimeOnly or char or Enum:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException(
                    $"Field '{field.Name}' contains a {value.GetType()}, which has no JSON form in a record; use "
                    + "null, string, long, decimal, double, bool, DateOnly, DateTimeOffset or JsonElement.");
        }
    }

    private static void WriteInstant(Utf8JsonWriter writer, DateTime utc)
    {
        Span<byte> text = stackalloc byte[IsoDateFormatter.MaxInstantLength];
        var length = IsoDateFormatter.WriteInstant(utc, text);
        writer.WriteStringValue(text[..length]);
    }

    private static void WriteDate(Utf8JsonWriter writer, DateOnly date)
    {
        Span<byte> text = stackalloc byte[IsoDateFormatter.DateLength];
        IsoDateFormatter.WriteDate(date, text);
        writer.WriteStringValue(text);
    }

    private string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonLinesFormat.WriterOptions))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
