namespace Marketo.Extract.Records.Internal;

/// <summary>The columns of a bulk activity export that are not activity attributes.</summary>
internal static class ActivityColumns
{
    public const string MarketoGuid = "marketoGUID";
    public const string LeadId = "leadId";
    public const string ActivityDate = "activityDate";
    public const string ActivityTypeId = "activityTypeId";
    public const string CampaignId = "campaignId";
    public const string PrimaryAttributeValueId = "primaryAttributeValueId";
    public const string PrimaryAttributeValue = "primaryAttributeValue";
    public const string Attributes = "attributes";
    public const string ActionResult = "actionResult";

    /// <summary>The field of attributes that the activity type does not declare, in the flattened layout.</summary>
    public const string AdditionalAttributesField = "additional_attributes";

    /// <summary>The field of the whole attributes object, in the nested layout.</summary>
    public const string AttributesField = "attributes";

    /// <summary>The columns before <c>attributes</c>, in Marketo's default order, with their data types.</summary>
    public static readonly (string Column, string DataType)[] Leading =
    [
        (MarketoGuid, MarketoDataTypes.String),
        (LeadId, MarketoDataTypes.Integer),
        (ActivityDate, MarketoDataTypes.DateTime),
        (ActivityTypeId, MarketoDataTypes.Integer),
        (CampaignId, MarketoDataTypes.Integer),
        (PrimaryAttributeValueId, MarketoDataTypes.Integer),
        (PrimaryAttributeValue, MarketoDataTypes.String),
    ];
}
