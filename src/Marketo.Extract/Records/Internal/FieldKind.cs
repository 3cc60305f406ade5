namespace Marketo.Extract.Records.Internal;

/// <summary>The parser a field's values go through, derived from its Marketo dataType.</summary>
internal enum FieldKind : byte
{
    /// <summary>string, text, email and every type not listed below: the value is kept as text.</summary>
    String,

    /// <summary>
    /// integer, score and percent: <see cref="long"/>, or <see cref="decimal"/> for fractions and big values.
    /// </summary>
    Integer,

    /// <summary>float: <see cref="double"/>.</summary>
    Float,

    /// <summary>currency: <see cref="decimal"/>.</summary>
    Currency,

    /// <summary>boolean: <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>date: <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary>datetime: <see cref="DateTimeOffset"/> in UTC.</summary>
    DateTime,

    /// <summary>The library's own <c>json</c> type: a <see cref="System.Text.Json.JsonElement"/>.</summary>
    Json,
}
