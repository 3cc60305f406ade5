namespace Marketo.Extract.Models;

/// <summary>A lead field usable over REST, as described by describe2 or describe.</summary>
public sealed record LeadField
{
    /// <summary>Gets the REST API name, used in <c>fields=</c> and in bulk exports.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the label shown in the Marketo UI.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the Marketo data type, for example <c>string</c>, <c>percent</c> or <c>datetime</c>.</summary>
    public required string DataType { get; init; }

    /// <summary>Gets the maximum length, set for string and text fields.</summary>
    public int? Length { get; init; }

    /// <summary>Gets a value indicating whether the field can be written over REST.</summary>
    public bool IsUpdateable { get; init; }
}
