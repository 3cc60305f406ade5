namespace Marketo.Extract.Testing;

/// <summary>A lead field as the emulator's describe endpoints report it.</summary>
public sealed record EmulatedLeadField
{
    /// <summary>Gets the numeric field id.</summary>
    public required int Id { get; init; }

    /// <summary>Gets the label shown in the Marketo UI.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets Marketo's data type, such as <c>string</c>, <c>percent</c> or <c>formula</c>.</summary>
    public required string DataType { get; init; }

    /// <summary>Gets the maximum length of string, text and textarea fields; <see langword="null"/> for other types.</summary>
    public int? Length { get; init; }

    /// <summary>
    /// Gets the REST API name, or <see langword="null"/> for a field that cannot be used over REST
    /// (such a field has no <c>rest</c> member in describe and cannot be exported).
    /// </summary>
    public string? RestName { get; init; }

    /// <summary>Gets whether the REST API can only read the field.</summary>
    public bool IsReadOnly { get; init; }

    /// <summary>Gets the SOAP API name.</summary>
    public required string SoapName { get; init; }

    /// <summary>Gets whether the field is a custom field (its REST name ends in <c>__c</c>).</summary>
    public bool IsCustom => RestName?.EndsWith("__c", StringComparison.Ordinal) == true;
}
