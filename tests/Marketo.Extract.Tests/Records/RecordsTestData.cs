using Marketo.Extract.Models;
using Marketo.Extract.Records;

namespace Marketo.Extract.Tests.Records;

/// <summary>The lead fields, activity types and fixture files the record tests share.</summary>
internal static class RecordsTestData
{
    public static readonly LeadField[] LeadFields =
    [
        new() { Name = "id", DataType = "integer" },
        new() { Name = "email", DataType = "email" },
        new() { Name = "firstName", DataType = "string" },
        new() { Name = "lastName", DataType = "string" },
        new() { Name = "score", DataType = "score" },
        new() { Name = "percentComplete", DataType = "percent" },
        new() { Name = "revenue", DataType = "currency" },
        new() { Name = "rating", DataType = "float" },
        new() { Name = "isActive", DataType = "boolean" },
        new() { Name = "birthDate", DataType = "date" },
        new() { Name = "updatedAt", DataType = "datetime" },
        new() { Name = "notes", DataType = "text" },
    ];

    public static readonly ActivityType FillOutForm = new()
    {
        Id = 2,
        Name = "Fill Out Form",
        PrimaryAttribute = new() { Name = "Webform ID", DataType = "integer" },
        Attributes =
        [
            new() { Name = "Client IP Address", DataType = "string" },
            new() { Name = "Form Fields", DataType = "text" },
            new() { Name = "Query Parameters", DataType = "string" },
            new() { Name = "Referrer URL", DataType = "string" },
            new() { Name = "User Agent", DataType = "string" },
            new() { Name = "Webpage ID", DataType = "integer" },
        ],
    };

    public static readonly ActivityType ChangeStatusInProgression = new()
    {
        Id = 104,
        Name = "Change Status in Progression",
        PrimaryAttribute = new() { Name = "Program ID", DataType = "integer" },
        Attributes =
        [
            new() { Name = "Program Member ID", DataType = "integer" },
            new() { Name = "Acquired By", DataType = "boolean" },
            new() { Name = "Old Status", DataType = "string" },
            new() { Name = "New Status ID", DataType = "integer" },
            new() { Name = "Success", DataType = "boolean" },
            new() { Name = "New Status", DataType = "string" },
            new() { Name = "Old Status ID", DataType = "integer" },
        ],
    };

    public static readonly ActivityType ViewedProduct = new()
    {
        Id = 100001,
        Name = "Viewed Product",
        ApiName = "viewedProduct",
        PrimaryAttribute = new() { Name = "Product", DataType = "string", ApiName = "product" },
        Attributes =
        [
            new() { Name = "Price", DataType = "currency", ApiName = "price" },
            new() { Name = "Quantity", DataType = "integer", ApiName = "quantity" },
            new() { Name = "Ratio", DataType = "float", ApiName = "ratio" },
            new() { Name = "Viewed At", DataType = "datetime", ApiName = "viewedAt" },
            new() { Name = "Launch Date", DataType = "date", ApiName = "launchDate" },
            new() { Name = "Lead ID", DataType = "integer", ApiName = "leadId" },
            new() { Name = "Product SKU", DataType = "string", ApiName = "productSku" },
            new() { Name = "Featured", DataType = "boolean", ApiName = "featured" },
        ],
    };

    public static RecordSchema LeadSchema { get; } = RecordSchema.ForLeads(LeadFields);

    public static IReadOnlyDictionary<int, RecordSchema> ActivitySchemas(
        ActivityAttributeLayout layout = ActivityAttributeLayout.Flattened) =>
        RecordSchema.ForActivityTypes([FillOutForm, ChangeStatusInProgression, ViewedProduct], layout);

    public static Stream OpenFixture(string name) =>
        File.OpenRead(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Csv", name));

    public static async Task<List<MarketoRecord>> ReadLeadsAsync(ExportCsvDecoder decoder, string fixture)
    {
        await using var stream = OpenFixture(fixture);
        return await ToListAsync(decoder.ReadLeadsAsync(stream, LeadSchema));
    }

    public static async Task<List<MarketoRecord>> ReadActivitiesAsync(
        ExportCsvDecoder decoder, string fixture, ActivityAttributeLayout layout = ActivityAttributeLayout.Flattened)
    {
        await using var stream = OpenFixture(fixture);
        return await ToListAsync(decoder.ReadActivitiesAsync(stream, ActivitySchemas(layout)));
    }

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
