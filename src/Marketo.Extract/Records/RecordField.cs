using System.Text;
using System.Text.Json;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Records;

/// <summary>A field of a <see cref="RecordSchema"/>: its name, Marketo dataType, source and CLR type.</summary>
/// <remarks>
/// Values follow the typed value contract. <see cref="ClrType"/> is the type of a valid value; a field of
/// the integer family can also hold a <see cref="decimal"/> (a value with a fraction, or a whole number
/// beyond <see cref="long"/>), and any field can hold the <see cref="string"/> text of a value that did not
/// parse as its type, which the decoder counts in <see cref="DecodeStatistics"/>. Every field can be null.
/// </remarks>
public sealed class RecordField
{
    /// <summary>Initializes a new instance of the <see cref="RecordField"/> class.</summary>
    /// <param name="name">The field name in records and output, usually snake_case.</param>
    /// <param name="dataType">
    /// The Marketo dataType, such as <c>string</c>, <c>integer</c> or <c>datetime</c>; an unknown type is read
    /// as <c>string</c>, and <c>json</c> (this library's own) is read as a <see cref="JsonElement"/>.
    /// </param>
    /// <param name="sourceName">The CSV header or attribute display name; <paramref name="name"/> when null.</param>
    /// <param name="source">Where the values come from.</param>
    /// <exception cref="ArgumentException">A name or the data type is empty.</exception>
    public RecordField(
        string name, string dataType, string? sourceName = null, RecordFieldSource source = RecordFieldSource.Column)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(dataType);
        if (sourceName is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(sourceName);
        }

        Name = name;
        DataType = dataType;
        SourceName = sourceName ?? name;
        Source = source;
        Kind = MarketoDataTypes.ToKind(dataType);
        ClrType = MarketoDataTypes.ToClrType(Kind);
        EncodedName = JsonEncodedText.Encode(name);
        Utf8PropertyName = [(byte)',', (byte)'"', .. EncodedName.EncodedUtf8Bytes, (byte)'"', (byte)':'];
        SourceNameUtf8 = Encoding.UTF8.GetBytes(SourceName);
    }

    /// <summary>Gets the field name, unique within its schema.</summary>
    public string Name { get; }

    /// <summary>Gets the Marketo dataType that types the values, for example <c>percent</c>.</summary>
    public string DataType { get; }

    /// <summary>Gets the CSV column header or the activity attribute display name the values come from.</summary>
    public string SourceName { get; }

    /// <summary>Gets where the values come from.</summary>
    public RecordFieldSource Source { get; }

    /// <summary>
    /// Gets the CLR type of a valid value: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
    /// <see cref="decimal"/>, <see cref="bool"/>, <see cref="DateOnly"/>, <see cref="DateTimeOffset"/> or
    /// <see cref="JsonElement"/>.
    /// </summary>
    public Type ClrType { get; }

    /// <summary>Gets the API name of an activity attribute, which matches it as well as the display name.</summary>
    internal string? ApiName { get; init; }

    internal FieldKind Kind { get; }

    internal JsonEncodedText EncodedName { get; }

    /// <summary>Gets the bytes <c>,"name":</c> that put the field into JSON output, with the name escaped as
    /// <see cref="EncodedName"/>.</summary>
    internal byte[] Utf8PropertyName { get; }

    internal byte[] SourceNameUtf8 { get; }

    /// <summary>Returns the name, data type and source of the field.</summary>
    /// <returns>For example <c>webpage_id (integer, attribute 'Webpage ID')</c>.</returns>
    public override string ToString() => Source switch
    {
        RecordFieldSource.Column => $"{Name} ({DataType}, column '{SourceName}')",
        RecordFieldSource.ActivityAttribute => $"{Name} ({DataType}, attribute '{SourceName}')",
        _ => $"{Name} ({DataType}, {Source})",
    };
}
