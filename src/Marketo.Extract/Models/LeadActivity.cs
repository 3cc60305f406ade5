using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Models;

/// <summary>An activity read from the REST activity endpoints, such as a Delete Lead activity.</summary>
public sealed record LeadActivity
{
    /// <summary>Gets the numeric activity id; Marketo may leave it out and it is not unique on every instance.</summary>
    public long? Id { get; init; }

    /// <summary>Gets the unique activity id.</summary>
    [JsonPropertyName("marketoGUID")]
    public required string MarketoGuid { get; init; }

    /// <summary>Gets the id of the lead the activity belongs to.</summary>
    public required long LeadId { get; init; }

    /// <summary>Gets when the activity happened, in UTC.</summary>
    public required DateTimeOffset ActivityDate { get; init; }

    /// <summary>Gets the activity type id.</summary>
    public required int ActivityTypeId { get; init; }

    /// <summary>Gets the id of the campaign that caused the activity.</summary>
    public long? CampaignId { get; init; }

    /// <summary>Gets the id of the primary attribute's value; for Delete Lead, the deleted lead's id.</summary>
    public long? PrimaryAttributeValueId { get; init; }

    /// <summary>Gets the primary attribute's value; for Delete Lead, the deleted lead's name.</summary>
    public string? PrimaryAttributeValue { get; init; }

    /// <summary>Gets the secondary attributes as Marketo sends them: <c>[{name, value}]</c>, values of any JSON type.</summary>
    public JsonElement? Attributes { get; init; }

    /// <summary>Gets the members of the response that this type does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
