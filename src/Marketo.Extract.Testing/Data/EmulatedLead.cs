namespace Marketo.Extract.Testing;

/// <summary>A lead held by the emulator: the ground truth that exports and reads are checked against.</summary>
/// <remarks>
/// <see cref="Values"/> holds the exact values Marketo would store, typed by each field's data type:
/// <see cref="string"/>, <see cref="long"/>, <see cref="decimal"/> (currency, and percent values with a
/// fraction such as 12.5), <see cref="double"/>, <see cref="bool"/>, <see cref="DateOnly"/>,
/// <see cref="DateTimeOffset"/> in UTC, or <see langword="null"/>. With nasty data on, strings can contain
/// NUL, CR, LF, U+2028 and the empty string; a bulk export writes an empty string as an empty cell, which
/// readers of Marketo files treat like <c>null</c>, and readers that strip NUL and CR see the text without them.
/// </remarks>
public sealed record EmulatedLead
{
    /// <summary>Gets the lead id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets when the lead was created, in UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the visible <c>updatedAt</c>, which moves only when a standard field changes.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Gets the time of the most recent change to any field, standard or custom. The bulk lead export's
    /// <c>updatedAt</c> filter uses this time, not <see cref="UpdatedAt"/>.
    /// </summary>
    public required DateTimeOffset FieldsUpdatedAt { get; init; }

    /// <summary>Gets every REST field's value keyed by REST name, <c>id</c>, <c>createdAt</c> and <c>updatedAt</c> included.</summary>
    public required IReadOnlyDictionary<string, object?> Values { get; init; }
}
