namespace Marketo.Extract.Models;

/// <summary>An attribute of an activity type.</summary>
public sealed record ActivityAttributeDefinition
{
    /// <summary>Gets the display name, for example <c>Client IP Address</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the Marketo data type, for example <c>string</c>, <c>integer</c> or <c>datetime</c>.</summary>
    public required string DataType { get; init; }

    /// <summary>Gets the API name; set on the attributes of custom activity types.</summary>
    public string? ApiName { get; init; }
}
