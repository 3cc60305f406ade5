namespace Marketo.Extract.Testing.Internal.Data;

internal sealed partial class DatasetGenerator
{
    private EmulatedLead NewLead(long id, DateTimeOffset createdAt, DateTimeOffset end)
    {
        var updatedAt = RandomTime(createdAt, end);

        // About a third of the leads had a custom field changed after the last standard field change.
        var fieldsUpdatedAt = Chance(0.3) ? RandomTime(updatedAt, end) : updatedAt;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = id,
            ["createdAt"] = createdAt,
            ["updatedAt"] = updatedAt,
        };
        FillStandardValues(values, id);
        FillCustomValues(values, createdAt);
        return new EmulatedLead
        {
            Id = id,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            FieldsUpdatedAt = fieldsUpdatedAt,
            Values = values,
        };
    }

    private void FillStandardValues(Dictionary<string, object?> values, long id)
    {
        string firstName = Text(ValuePools.FirstNames, ValuePools.NastyFirstNames, 0.2);
        string lastName = Text(ValuePools.LastNames, ValuePools.NastyLastNames, 0.2);
        values["firstName"] = firstName;
        values["lastName"] = lastName;
        values["email"] = IsAsciiLetters(firstName) ? Invariant($"{firstName}.{id}@example.com") : Invariant($"lead{id}@example.com");
        values["company"] = Chance(0.05) ? null : Text(ValuePools.Companies, ValuePools.NastyCompanies, 0.3);
        values["title"] = Chance(0.2) ? null : Pick(ValuePools.Titles);
        values["phone"] = Chance(0.3) ? null : Invariant($"+1-312-555-{_random.Next(10000):D4}");
        values["website"] = Chance(0.4) ? null : Invariant($"https://www.example.com/{Pick(ValuePools.Words)}?ref=a,b");
        values["city"] = Chance(0.1) ? null : Pick(ValuePools.Cities);
        values["country"] = Chance(0.1) ? null : Pick(ValuePools.Countries);
        values["numberOfEmployees"] = Chance(0.3) ? null : (long)_random.Next(1, 250_000);
        values["annualRevenue"] = Chance(0.3) ? null : decimal.Round((decimal)_random.NextDouble() * 50_000_000m, 2);
        values["leadScore"] = (long)_random.Next(0, 200);
        values["unsubscribed"] = Chance(0.1);
        values["doNotCall"] = Chance(0.2) ? null : Chance(0.1);
        values["dateOfBirth"] = Chance(0.6) ? null : new DateOnly(1950, 1, 1).AddDays(_random.Next(365 * 50));
        values["leadStatus"] = Pick(ValuePools.Statuses);
        values["leadSource"] = Chance(0.1) ? null : Pick(ValuePools.Sources);
        values["externalCompanyId"] = Chance(0.5) ? null : Invariant($"EXT-{_random.Next(100_000):D6}");
    }

    private void FillCustomValues(Dictionary<string, object?> values, DateTimeOffset createdAt)
    {
        values["notes__c"] = Chance(0.4) ? null : Text(ValuePools.Words, ValuePools.NastyText, 0.6);
        values["favoriteColor__c"] = Chance(0.1) ? null : Text(ValuePools.Colors, ValuePools.NastyText, 0.35);
        values["leadScoreBoost__c"] = NewPercent();
        values["engagementRatio__c"] = Chance(0.2) ? null : Math.Round(_random.NextDouble(), 4);
        values["lastWebinarAt__c"] = Chance(0.5) ? null : createdAt.AddSeconds(_random.Next(1, 86_400 * 30));
    }

    // Percent fields are integers in Marketo's describe, yet real data carries fractions such as 12.5.
#pragma warning disable CA1859 // The value is a boxed long or decimal by design; the analyzer suggests int.
    private object? NewPercent()
#pragma warning restore CA1859
    {
        if (Chance(0.1))
        {
            return null;
        }

        if (Chance(0.3))
        {
            return _random.Next(0, 200) + 0.5m;
        }

        return (long)_random.Next(0, 100);
    }

    private EmulatedLead WithChanges(EmulatedLead lead, DateTimeOffset at, bool standardFieldsToo)
    {
        var values = new Dictionary<string, object?>(lead.Values, StringComparer.Ordinal)
        {
            ["favoriteColor__c"] = Text(ValuePools.Colors, ValuePools.NastyText, 0.35),
            ["leadScoreBoost__c"] = NewPercent(),
        };
        var updatedAt = lead.UpdatedAt;
        if (standardFieldsToo)
        {
            values["title"] = Pick(ValuePools.Titles);
            values["leadScore"] = (long)_random.Next(0, 200);
            values["updatedAt"] = at;
            updatedAt = at;
        }

        return lead with { UpdatedAt = updatedAt, FieldsUpdatedAt = at, Values = values };
    }

    private static EmulatedActivity NewDeletion(long id, EmulatedLead lead, DateTimeOffset when) =>
        new()
        {
            MarketoGuid = GuidFor(id),
            Id = id,
            LeadId = lead.Id,
            ActivityDate = when,
            ActivityTypeId = ActivityCatalog.DeleteLeadTypeId,
            PrimaryAttributeValueId = lead.Id,
            PrimaryAttributeValue = $"{lead.Values["firstName"]} {lead.Values["lastName"]}",
            Attributes = [],
        };

    private static bool IsAsciiLetters(string text) => text.Length > 0 && text.All(char.IsAsciiLetter);
}
