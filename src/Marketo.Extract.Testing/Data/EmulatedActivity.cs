namespace Marketo.Extract.Testing;

/// <summary>An activity held by the emulator: the ground truth that activity exports are checked against.</summary>
public sealed record EmulatedActivity
{
    /// <summary>Gets the unique activity id, a numeric string that differs from <see cref="Id"/>.</summary>
    public required string MarketoGuid { get; init; }

    /// <summary>Gets the numeric activity id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets the id of the lead the activity belongs to.</summary>
    public required long LeadId { get; init; }

    /// <summary>Gets when the activity happened, in UTC and whole seconds.</summary>
    public required DateTimeOffset ActivityDate { get; init; }

    /// <summary>Gets the activity type id.</summary>
    public required int ActivityTypeId { get; init; }

    /// <summary>Gets the id of the campaign that caused the activity, if any.</summary>
    public long? CampaignId { get; init; }

    /// <summary>Gets the id of the primary attribute's value, if the type has one with an id.</summary>
    public long? PrimaryAttributeValueId { get; init; }

    /// <summary>Gets the primary attribute's value, if any.</summary>
    public string? PrimaryAttributeValue { get; init; }

    /// <summary>Gets the outcome of the action: <c>succeeded</c>, <c>skipped</c> or <c>failed</c>.</summary>
    public string ActionResult { get; init; } = "succeeded";

    /// <summary>
    /// Gets the secondary attributes in type order, keyed by display name and typed like lead values.
    /// Attributes without a value are left out, as Marketo leaves them out.
    /// </summary>
    public required IReadOnlyList<KeyValuePair<string, object?>> Attributes { get; init; }
}
