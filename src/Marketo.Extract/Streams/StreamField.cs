namespace Marketo.Extract.Streams;

/// <summary>A field of a stream, for hosts that create tables or choose fields.</summary>
/// <param name="Name">The field name as written in the output.</param>
/// <param name="DataType">The Marketo data type, for example <c>string</c>, <c>integer</c> or <c>datetime</c>.</param>
public sealed record StreamField(string Name, string DataType);
