namespace Marketo.Extract.Testing.Internal.Data;

internal sealed partial class DatasetGenerator
{
    private static readonly HashSet<int> ProgramTypeIds = [104, 113, 114, 115];
    private static readonly HashSet<int> ListTypeIds = [24, 25];
    private static readonly HashSet<int> WebTypeIds = [1, 2, 3];

    /// <summary>Returns the activity's unique id, a numeric string as Marketo's often are, distinct from the numeric id.</summary>
    public static string GuidFor(long id) => (id + 2_000_000_000L).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private EmulatedActivity NewActivity(
        long id, EmulatedLead lead, EmulatedActivityType type, DateTimeOffset date, ActivityContext context)
    {
        var (primaryId, primaryValue) = PrimaryValue(type, context);
        bool hasCampaign = !WebTypeIds.Contains(type.Id) && !type.IsCustom && context.Campaigns.Count > 0 && Chance(0.7);
        var attributes = new List<KeyValuePair<string, object?>>(type.Attributes.Count);
        foreach (var attribute in type.Attributes)
        {
            var value = Chance(0.1) ? null : AttributeValue(attribute, lead, date);

            // Marketo leaves empty attributes out.
            if (value is not null and not "")
            {
                attributes.Add(new(attribute.Name, value));
            }
        }

        return new EmulatedActivity
        {
            MarketoGuid = GuidFor(id),
            Id = id,
            LeadId = lead.Id,
            ActivityDate = date,
            ActivityTypeId = type.Id,
            CampaignId = hasCampaign ? Pick(context.Campaigns).Id : null,
            PrimaryAttributeValueId = primaryId,
            PrimaryAttributeValue = primaryValue,
            ActionResult = _random.NextDouble() switch { < 0.9 => "succeeded", < 0.96 => "skipped", _ => "failed" },
            Attributes = attributes,
        };
    }

    private (long? Id, string? Value) PrimaryValue(EmulatedActivityType type, ActivityContext context)
    {
        if (type.PrimaryAttribute is null)
        {
            return (null, null);
        }

        if (type.Id is 13 or 22)
        {
            var field = type.Id == 22 ? LeadSchema.ByRestName["leadScore"] : Pick(LeadSchema.RestFields);
            return (field.Id, field.DisplayName);
        }

        if (ProgramTypeIds.Contains(type.Id) && context.Programs.Count > 0)
        {
            var program = Pick(context.Programs);
            return (program.Id, program.Name);
        }

        if (ListTypeIds.Contains(type.Id) && context.StaticLists.Count > 0)
        {
            var list = Pick(context.StaticLists);
            return (list.Id, list.Name);
        }

        if (type.Id == 47 && context.Campaigns.Count > 0)
        {
            var campaign = Pick(context.Campaigns);
            return (campaign.Id, campaign.Name);
        }

        return type.IsCustom ? (null, CustomPrimaryValue(type)) : AssetValue(type.PrimaryAttribute.Name);
    }

    private (long? Id, string? Value) AssetValue(string attributeName)
    {
        // Assets are named in Program.Asset notation, as Marketo names forms, emails and pages.
        long assetId = 1000 + _random.Next(60);
        string kind = attributeName.EndsWith(" ID", StringComparison.Ordinal) ? attributeName[..^3] : attributeName;
        return (assetId, Invariant($"Program {assetId % 7}.{kind} {assetId}"));
    }

    private string CustomPrimaryValue(EmulatedActivityType type) => type.Id switch
    {
        100001 => Text(["Product Tour", "Getting Started"], ["Product Tour, Part 2", "製品ツアー", "Tour \"Live\""], 0.3),
        100002 => Invariant($"SKU-{_random.Next(1000):D4}"),
        _ => Text(["Expo 2024", "DevDays"], ["Expo, Lisbon", "Συνέδριο"], 0.3),
    };

    private object? AttributeValue(EmulatedAttributeDefinition attribute, EmulatedLead lead, DateTimeOffset date) =>
        attribute.Name switch
        {
            "Client IP Address" => Invariant($"203.0.113.{_random.Next(1, 255)}"),
            "User Agent" => Pick(ValuePools.UserAgents),
            "Query Parameters" => Text(
                ["utm_source=newsletter&utm_medium=email", "q=pricing"],
                ["utm_campaign=spring,2024&q=\"bulk\"", "q=日本語&x=1", "a=1\nb=2"],
                0.4),
            "Referrer URL" or "Webpage URL" or "Link" => Invariant($"https://www.example.com/page/{_random.Next(100)}?a=1&b=2"),
            "Email" => lead.Values["email"],
            _ => TypedAttributeValue(attribute.DataType, date),
        };

    private object? TypedAttributeValue(string dataType, DateTimeOffset date) => dataType switch
    {
        "integer" => (long)_random.Next(1, 100_000),
        "boolean" => Chance(0.5),
        "float" => Math.Round(_random.NextDouble() * 100, 3),
        "currency" => decimal.Round((decimal)_random.NextDouble() * 1000m, 2),
        "datetime" => date.AddSeconds(-_random.Next(0, 86_400)),
        "date" => DateOnly.FromDateTime(date.UtcDateTime).AddDays(-_random.Next(0, 30)),
        "text" => Text(ValuePools.Words, ValuePools.NastyText, 0.5),
        _ => Text(ValuePools.Words, ValuePools.NastyText, 0.15),
    };
}
