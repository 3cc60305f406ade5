namespace Marketo.Extract.Testing;

/// <summary>The definition of an activity type's primary or secondary attribute.</summary>
/// <param name="Name">The display name, which keys the attribute in exports.</param>
/// <param name="DataType">Marketo's data type, such as <c>integer</c>, <c>string</c> or <c>boolean</c>.</param>
/// <param name="ApiName">The API name; only custom activity types have one.</param>
public sealed record EmulatedAttributeDefinition(string Name, string DataType, string? ApiName = null);
