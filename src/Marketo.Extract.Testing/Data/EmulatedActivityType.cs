namespace Marketo.Extract.Testing;

/// <summary>An activity type, standard or custom, as <c>GET /rest/v1/activities/types.json</c> reports it.</summary>
public sealed record EmulatedActivityType
{
    /// <summary>Gets the type id; custom types have ids from 100000.</summary>
    public required int Id { get; init; }

    /// <summary>Gets the type name, such as <c>Visit Webpage</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the API name of a custom type; <see langword="null"/> for standard types.</summary>
    public string? ApiName { get; init; }

    /// <summary>Gets the primary attribute, or <see langword="null"/> when the type has none.</summary>
    public EmulatedAttributeDefinition? PrimaryAttribute { get; init; }

    /// <summary>Gets the secondary attributes.</summary>
    public required IReadOnlyList<EmulatedAttributeDefinition> Attributes { get; init; }

    /// <summary>Gets whether the type is a custom activity type.</summary>
    public bool IsCustom => ApiName is not null;
}
