using System.Text;
using System.Text.Json;
using Marketo.Extract.Models;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Tests.Streams;

public class ExtractedRecordTests
{
    private static readonly DateTimeOffset Created = new(2024, 5, 1, 12, 30, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, JsonElement> Extra = new()
    {
        ["isSystem"] = JsonDocument.Parse("true").RootElement,
    };

    private static IEnumerable<TestCaseData> RestModels()
    {
        yield return new TestCaseData(new ActivityType { Id = 2, Name = "Fill Out Form", AdditionalProperties = Extra }).SetName("ActivityType");
        yield return new TestCaseData(new Campaign { Id = 7, Name = "c", CreatedAt = Created, UpdatedAt = Created, AdditionalProperties = Extra }).SetName("Campaign");
        yield return new TestCaseData(new StaticList { Id = 8, Name = "l", CreatedAt = Created, UpdatedAt = Created, AdditionalProperties = Extra }).SetName("StaticList");
        yield return new TestCaseData(new MarketoProgram { Id = 9, Name = "p", CreatedAt = Created, UpdatedAt = Created, AdditionalProperties = Extra }).SetName("MarketoProgram");
        yield return new TestCaseData(new LeadActivity
        {
            MarketoGuid = "g1", LeadId = 3, ActivityDate = Created, ActivityTypeId = 37, AdditionalProperties = Extra,
        }).SetName("LeadActivity");
    }

    [TestCaseSource(nameof(RestModels))]
    public void WriteTo_RestModel_WritesCamelCaseWithExtras(object model)
    {
        var record = new ExtractedRecord("stream", model);
        var buffer = new MemoryStream();

        using (var writer = new Utf8JsonWriter(buffer))
        {
            record.WriteTo(writer);
        }

        var json = Encoding.UTF8.GetString(buffer.ToArray());
        using var document = JsonDocument.Parse(json);
        Assert.That(document.RootElement.GetProperty("isSystem").GetBoolean(), Is.True, json);
        Assert.That(json, Does.Not.Contain("AdditionalProperties"));
        if (document.RootElement.TryGetProperty("createdAt", out var createdAt))
        {
            Assert.That(createdAt.GetString(), Is.EqualTo("2024-05-01T12:30:00Z"));
        }
    }
}
