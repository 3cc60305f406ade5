using System.Text.Json.Nodes;
using Marketo.Extract.Testing.Internal.Data;

namespace Marketo.Extract.Testing.Internal.Api;

internal sealed partial class LeadDatabaseHandlers
{
    private static JsonNode TypeJson(EmulatedActivityType type)
    {
        var json = new JsonObject { ["id"] = type.Id, ["name"] = type.Name, ["description"] = type.Description };
        if (type.ApiName is not null)
        {
            json["apiName"] = type.ApiName;
        }

        if (type.PrimaryAttribute is not null)
        {
            json["primaryAttribute"] = AttributeJson(type.PrimaryAttribute);
        }

        json["attributes"] = new JsonArray([.. type.Attributes.Select(AttributeJson)]);
        return json;
    }

    private static JsonNode AttributeJson(EmulatedAttributeDefinition attribute)
    {
        var json = new JsonObject { ["name"] = attribute.Name, ["dataType"] = attribute.DataType };
        if (attribute.ApiName is not null)
        {
            json["apiName"] = attribute.ApiName;
        }

        return json;
    }

    private static JsonNode DescribeJson(EmulatedLeadField field)
    {
        var json = new JsonObject { ["id"] = field.Id, ["displayName"] = field.DisplayName, ["dataType"] = field.DataType };
        if (field.Length is { } length)
        {
            json["length"] = length;
        }

        // A field that cannot be used over REST has no rest member; clients skip it.
        if (field.RestName is not null)
        {
            json["rest"] = new JsonObject { ["name"] = field.RestName, ["readOnly"] = field.IsReadOnly };
        }

        json["soap"] = new JsonObject { ["name"] = field.SoapName, ["readOnly"] = field.IsReadOnly };
        return json;
    }

    private static JsonObject Describe2Json()
    {
        var fields = new JsonArray();
        foreach (var field in LeadSchema.RestFields)
        {
            var json = new JsonObject
            {
                ["name"] = field.RestName,
                ["displayName"] = field.DisplayName,
                ["dataType"] = field.DataType,
            };
            if (field.Length is { } length)
            {
                json["length"] = length;
            }

            json["updateable"] = !field.IsReadOnly;
            json["crmManaged"] = false;
            fields.Add(json);
        }

        return new JsonObject
        {
            ["name"] = "API Lead",
            ["searchableFields"] = new JsonArray([.. LeadSchema.SearchableFields.Select(set => new JsonArray([.. set.Select(n => JsonValue.Create(n))]))]),
            ["fields"] = fields,
        };
    }

    private static JsonNode CampaignJson(EmulatedCampaign campaign)
    {
        var json = new JsonObject { ["id"] = campaign.Id, ["name"] = campaign.Name };
        AddIfSet(json, "description", campaign.Description);
        json["type"] = campaign.Type;
        AddIfSet(json, "programName", campaign.ProgramName);
        if (campaign.ProgramId is { } programId)
        {
            json["programId"] = programId;
        }

        json["workspaceName"] = campaign.WorkspaceName;
        json["createdAt"] = Timestamps.Utc(campaign.CreatedAt);
        json["updatedAt"] = Timestamps.Utc(campaign.UpdatedAt);
        if (campaign.Active is { } active)
        {
            json["active"] = active;
        }

        return json;
    }

    private static JsonNode StaticListJson(EmulatedStaticList list)
    {
        var json = new JsonObject { ["id"] = list.Id, ["name"] = list.Name };
        AddIfSet(json, "description", list.Description);
        AddIfSet(json, "programName", list.ProgramName);
        json["workspaceName"] = list.WorkspaceName;
        json["createdAt"] = Timestamps.Utc(list.CreatedAt);
        json["updatedAt"] = Timestamps.Utc(list.UpdatedAt);
        return json;
    }

    private static JsonNode ActivityJson(EmulatedActivity activity)
    {
        var type = ActivityCatalog.ById[activity.ActivityTypeId];
        var attributes = new JsonArray();
        foreach (var (name, value) in activity.Attributes)
        {
            var attribute = new JsonObject { ["name"] = name, ["value"] = ApiJson.Node(value) };
            if (type.Attributes.FirstOrDefault(a => a.Name == name)?.ApiName is { } apiName)
            {
                attribute["apiName"] = apiName;
            }

            attributes.Add(attribute);
        }

        var json = ActivityHeader(activity, Timestamps.Utc(activity.ActivityDate));
        json["attributes"] = attributes;
        return json;
    }

    // Deleted-lead activities carry the older +0000 date form, which clients must parse as well.
    private static JsonNode DeletedLeadJson(EmulatedActivity activity)
    {
        var json = ActivityHeader(activity, Timestamps.Activity(activity.ActivityDate));
        json["attributes"] = new JsonArray();
        return json;
    }

    private static JsonObject ActivityHeader(EmulatedActivity activity, string date)
    {
        var json = new JsonObject
        {
            ["id"] = activity.Id,
            ["marketoGUID"] = activity.MarketoGuid,
            ["leadId"] = activity.LeadId,
            ["activityDate"] = date,
            ["activityTypeId"] = activity.ActivityTypeId,
        };
        if (activity.CampaignId is { } campaignId)
        {
            json["campaignId"] = campaignId;
        }

        if (activity.PrimaryAttributeValueId is { } valueId)
        {
            json["primaryAttributeValueId"] = valueId;
        }

        AddIfSet(json, "primaryAttributeValue", activity.PrimaryAttributeValue);
        return json;
    }

    private static JsonNode UsageJson((DateOnly Day, IReadOnlyDictionary<string, long> Users) usage) => new JsonObject
    {
        ["date"] = Timestamps.Date(usage.Day),
        ["total"] = usage.Users.Values.Sum(),
        ["users"] = new JsonArray([.. usage.Users.Where(u => u.Value > 0).Select(u => new JsonObject { ["userId"] = u.Key, ["count"] = u.Value })]),
    };

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
