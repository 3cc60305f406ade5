namespace Marketo.Extract.Testing.Internal.Data;

/// <summary>
/// The lead fields of the emulated instance: every Marketo data type, custom fields and a formula. As in
/// Marketo's describe, only string, text and textarea fields have a length.
/// </summary>
internal static class LeadSchema
{
    public static IReadOnlyList<EmulatedLeadField> Fields { get; } =
    [
        Field(1, "Id", "integer", "id", "Id", readOnly: true),
        Field(2, "Company Name", "string", "company", "Company", length: 255),
        Field(3, "Email Address", "email", "email", "Email"),
        Field(4, "First Name", "string", "firstName", "FirstName", length: 255),
        Field(5, "Last Name", "string", "lastName", "LastName", length: 255),
        Field(6, "Job Title", "string", "title", "Title", length: 255),
        Field(7, "Phone Number", "phone", "phone", "Phone"),
        Field(8, "Website", "url", "website", "Website"),
        Field(9, "City", "string", "city", "City", length: 255),
        Field(10, "Country", "string", "country", "Country", length: 255),
        Field(11, "Num Employees", "integer", "numberOfEmployees", "NumberOfEmployees"),
        Field(12, "Annual Revenue", "currency", "annualRevenue", "AnnualRevenue"),
        Field(13, "Lead Score", "score", "leadScore", "LeadScore"),
        Field(14, "Unsubscribed", "boolean", "unsubscribed", "Unsubscribed"),
        Field(15, "Do Not Call", "boolean", "doNotCall", "DoNotCall"),
        Field(16, "Date of Birth", "date", "dateOfBirth", "DateofBirth"),
        Field(17, "Lead Status", "string", "leadStatus", "LeadStatus", length: 255),
        Field(18, "Lead Source", "string", "leadSource", "LeadSource", length: 255),
        Field(19, "External Company Id", "reference", "externalCompanyId", "ExternalCompanyId"),
        Field(20, "Created At", "datetime", "createdAt", "CreatedAt", readOnly: true),
        Field(21, "Updated At", "datetime", "updatedAt", "UpdatedAt", readOnly: true),
        Field(101, "Notes", "text", "notes__c", "Notes__c", length: 65535),
        Field(102, "Favorite Color", "string", "favoriteColor__c", "FavoriteColor__c", length: 255),
        Field(103, "Lead Score Boost", "percent", "leadScoreBoost__c", "LeadScoreBoost__c"),
        Field(104, "Engagement Ratio", "float", "engagementRatio__c", "EngagementRatio__c"),
        Field(105, "Last Webinar At", "datetime", "lastWebinarAt__c", "LastWebinarAt__c"),
        new EmulatedLeadField
        {
            Id = 106,
            DisplayName = "Full Name (formula)",
            DataType = "formula",
            SoapName = "FullNameFormula__c",
        },
    ];

    /// <summary>The fields a REST client can read, in describe order.</summary>
    public static IReadOnlyList<EmulatedLeadField> RestFields { get; } = [.. Fields.Where(f => f.RestName is not null)];

    /// <summary>The fields keyed by REST name.</summary>
    public static IReadOnlyDictionary<string, EmulatedLeadField> ByRestName { get; } =
        RestFields.ToDictionary(f => f.RestName!, StringComparer.Ordinal);

    /// <summary>The key sets that describe2 reports as searchable.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SearchableFields { get; } =
        [["email"], ["id"], ["externalCompanyId"], ["firstName", "lastName"]];

    private static EmulatedLeadField Field(
        int id, string displayName, string dataType, string restName, string soapName, int? length = null, bool readOnly = false) =>
        new()
        {
            Id = id,
            DisplayName = displayName,
            DataType = dataType,
            Length = length,
            RestName = restName,
            IsReadOnly = readOnly,
            SoapName = soapName,
        };
}
