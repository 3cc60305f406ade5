using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketo.Extract.Models;
using Marketo.Extract.Records;
using static Marketo.Extract.Tests.Records.RecordsTestData;

namespace Marketo.Extract.Tests.Records;

public class ExportCsvDecoderActivitiesTests
{
    [Test]
    public async Task ReadActivitiesAsync_BaseColumns_AreTyped()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-attribute-forms.csv");

        var first = records[0];
        Assert.That(first["marketo_guid"], Is.EqualTo("101"));
        Assert.That(first["lead_id"], Is.EqualTo(5L));
        Assert.That(first["activity_date"], Is.EqualTo(new DateTimeOffset(2024, 2, 1, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(first["activity_type_id"], Is.EqualTo(2L));
        Assert.That(first["campaign_id"], Is.EqualTo(17L));
        Assert.That(first["primary_attribute_value_id"], Is.EqualTo(9L));
        Assert.That(first["primary_attribute_value"], Is.EqualTo("Contact Us"));
        Assert.That(records[1]["campaign_id"], Is.Null);
    }

    [Test]
    public async Task ReadActivitiesAsync_SeveralTypes_RoutedToTheirSchemas()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-attribute-forms.csv");

        Assert.That(records.Select(record => record.Schema.Name).Distinct(), Is.EqualTo(new[]
        {
            "activities_fill_out_form", "activities_change_status_in_progression",
        }));
        var progression = records[^1];
        Assert.That(progression.Schema.ActivityTypeId, Is.EqualTo(104));
        Assert.That(progression["program_member_id"], Is.EqualTo(3240305L));
        Assert.That(progression["acquired_by"], Is.EqualTo(false));
        Assert.That(progression["old_status"], Is.EqualTo("Not in Program"));
        Assert.That(progression["new_status_id"], Is.EqualTo(6L));
        Assert.That(progression["success"], Is.EqualTo(true));
        Assert.That(progression["new_status"], Is.EqualTo("Attended"));
        Assert.That(progression["old_status_id"], Is.EqualTo(1L));
        Assert.That(progression["additional_attributes"], Is.Null);
    }

    [Test]
    public async Task ReadActivitiesAsync_ObjectForm_FillsDeclaredAttributes()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-attribute-forms.csv");

        var form = records[0];
        Assert.That(form["client_ip_address"], Is.EqualTo("10.0.0.1"));
        Assert.That(form["webpage_id"], Is.EqualTo(42L));
        Assert.That(form["form_fields"], Is.EqualTo("a=1"));
        Assert.That(form["query_parameters"], Is.Null);
        Assert.That(form["user_agent"], Is.Null, "an attribute Marketo left out");
    }

    [Test]
    public async Task ReadActivitiesAsync_LegacyArrayForm_FillsDeclaredAttributes()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-attribute-forms.csv");

        Assert.That(records[1]["client_ip_address"], Is.EqualTo("10.0.0.2"));
        Assert.That(records[1]["webpage_id"], Is.EqualTo(43L));
        Assert.That(records[1]["additional_attributes"], Is.Null);
    }

    [TestCase(2, TestName = "ReadActivitiesAsync_EmptyObject_LeavesAttributesNull")]
    [TestCase(3, TestName = "ReadActivitiesAsync_EmptyArray_LeavesAttributesNull")]
    [TestCase(4, TestName = "ReadActivitiesAsync_EmptyCell_LeavesAttributesNull")]
    [TestCase(5, TestName = "ReadActivitiesAsync_NullCell_LeavesAttributesNull")]
    public async Task ReadActivitiesAsync_NoAttributes_LeavesAttributesNull(int index)
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-attribute-forms.csv");

        var record = records[index];
        var attributeFields = record.Schema.Fields.Skip(7).Select(field => field.Name);
        Assert.That(attributeFields.Select(name => record[name]), Is.All.Null);
        Assert.That(decoder.Statistics.WarningCount, Is.Zero);
    }

    [Test]
    public async Task ReadActivitiesAsync_UndeclaredAttributes_KeptInAdditionalAttributes()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-attribute-forms.csv");

        var record = records[6];
        Assert.That(record["webpage_id"], Is.EqualTo(44L));
        var additional = (JsonElement)record["additional_attributes"]!;
        Assert.That(additional.GetRawText(), Is.EqualTo("""{"Browser":"Firefox","Extra":{"a":[1,2]}}"""));
    }

    [Test]
    public async Task ReadActivitiesAsync_UndeclaredAttributes_CountedInStatistics()
    {
        var decoder = CreateDecoder();

        await ReadActivitiesAsync(decoder, "activities-attribute-forms.csv");

        Assert.That(decoder.Statistics.GetUndeclaredAttributes(), Is.EqualTo(new[]
        {
            new UndeclaredAttributeCount("activities_fill_out_form", "Browser", 1, 7),
            new UndeclaredAttributeCount("activities_fill_out_form", "Extra", 1, 7),
        }));
    }

    [Test]
    public async Task ReadActivitiesAsync_NameIsDisplayAndApiName_MatchesDisplayNameInEveryRow()
    {
        var decoder = CreateDecoder();
        var order = new ActivityType
        {
            Id = 100002,
            Name = "Placed Order",
            PrimaryAttribute = new() { Name = "Order", DataType = "string" },
            Attributes =
            [
                new() { Name = "total", DataType = "string", ApiName = "sum" },
                new() { Name = "Amount", DataType = "string", ApiName = "total" },
            ],
        };
        await using var stream = OpenFixture("activities-ambiguous-attribute-names.csv");

        var records = await ToListAsync(decoder.ReadActivitiesAsync(stream, RecordSchema.ForActivityTypes([order])));

        Assert.That(records.Select(record => record["total"]), Is.EqualTo(new[] { "A", null, "C", null, "E", "F", "G" }));
        Assert.That(records.Select(record => record["amount"]), Is.EqualTo(new[] { null, "B", null, "D", null, null, null }));
    }

    [Test]
    public async Task ReadActivitiesAsync_JsonValues_TypedByDeclaredDataType()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-typed-attributes.csv");

        var product = records[0];
        Assert.That(product["price"], Is.EqualTo(19.99m));
        Assert.That(product["quantity"], Is.EqualTo(3L), "a JSON string holding a number");
        Assert.That(product["ratio"], Is.EqualTo(0.25d));
        Assert.That(product["viewed_at"], Is.EqualTo(new DateTimeOffset(2024, 3, 1, 8, 30, 0, TimeSpan.Zero)));
        Assert.That(product["launch_date"], Is.EqualTo(new DateOnly(2024, 2, 29)));
        Assert.That(product["lead_id_attr"], Is.EqualTo(8L));
        Assert.That(product["product_sku"], Is.EqualTo("123"), "a JSON number in a string attribute");
        Assert.That(product["featured"], Is.EqualTo(true));
        Assert.That(decoder.Statistics.GetWarnings().Where(warning => warning.FirstRowNumber == 1), Is.Empty);
    }

    [Test]
    public async Task ReadActivitiesAsync_ApiNameKeys_MatchAttributes()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-typed-attributes.csv");

        Assert.That(records[0]["product_sku"], Is.EqualTo("123"), "keyed by apiName productSku");
        Assert.That(records[0]["additional_attributes"], Is.Null);
    }

    [Test]
    public async Task ReadActivitiesAsync_JsonValuesThatDoNotParse_KeptAsTextWithWarnings()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-typed-attributes.csv");

        var product = records[1];
        Assert.That(product["price"], Is.EqualTo(100m));
        Assert.That(product["quantity"], Is.EqualTo("three"));
        Assert.That(product["ratio"], Is.EqualTo("x"));
        Assert.That(product["viewed_at"], Is.EqualTo("soon"));
        Assert.That(product["launch_date"], Is.EqualTo("20240229"));
        Assert.That(product["lead_id_attr"], Is.EqualTo(12.5m));
        Assert.That(product["product_sku"], Is.EqualTo("Aé\"B"), "escapes in a JSON string are decoded");
        Assert.That(product["featured"], Is.EqualTo("yes"));
        var warned = decoder.Statistics.GetWarnings().Select(warning => warning.FieldName);
        Assert.That(warned, Is.EquivalentTo(new[] { "quantity", "ratio", "viewed_at", "launch_date", "featured" }));
    }

    [Test]
    public async Task ReadActivitiesAsync_MalformedAttributes_KeptWholeWithWarning()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-malformed-attributes.csv");

        Assert.That(records, Has.Count.EqualTo(3));
        Assert.That(((JsonElement)records[0]["additional_attributes"]!).GetString(), Is.EqualTo("""{"Webpage ID":4"""));
        Assert.That(records[0]["webpage_id"], Is.Null);
        Assert.That(((JsonElement)records[1]["additional_attributes"]!).GetString(), Is.EqualTo("plain text"));
        Assert.That(((JsonElement)records[2]["additional_attributes"]!).GetString(), Is.EqualTo("""{"Webpage ID":5} trailing"""));
        Assert.That(records[2]["webpage_id"], Is.Null, "a partly read object is not half kept");
        var warning = decoder.Statistics.GetWarnings().Single();
        Assert.That(warning.FieldName, Is.EqualTo("additional_attributes"));
        Assert.That(warning.Count, Is.EqualTo(3));
    }

    [Test]
    public async Task ReadActivitiesAsync_LoneSurrogateEscape_KeptWholeWithWarning()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-lone-surrogate.csv");

        Assert.That(((JsonElement)records[0]["additional_attributes"]!).GetString(), Does.Contain(@"a\ud83db"));
        Assert.That(records[0]["webpage_id"], Is.Null);
        Assert.That(((JsonElement)records[1]["additional_attributes"]!).GetString(), Does.Contain(@"Other\udc00"));
        Assert.That(records[2]["client_ip_address"], Is.EqualTo("x\ud83d\ude00"), "a surrogate pair is one character");
        Assert.That(records[3]["client_ip_address"], Is.EqualTo(@"\ud83d"), "an escaped backslash starts no escape");
        Assert.That(records[3]["webpage_id"], Is.EqualTo(9L));
        Assert.That(records.Select(record => record.ToString()), Has.All.Not.Empty, "every record can be written");
        var warning = decoder.Statistics.GetWarnings().Single();
        Assert.That(warning.FieldName, Is.EqualTo("additional_attributes"));
        Assert.That(warning.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task ReadActivitiesAsync_NestedLoneSurrogate_KeptWholeWithWarning()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-lone-surrogate.csv", ActivityAttributeLayout.Nested);

        Assert.That(((JsonElement)records[0]["attributes"]!).ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(((JsonElement)records[1]["attributes"]!).ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(((JsonElement)records[2]["attributes"]!).ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(records.Select(record => record.ToString()), Has.All.Not.Empty, "every record can be written");
        Assert.That(decoder.Statistics.GetWarnings().Single().Count, Is.EqualTo(2));
    }

    [Test]
    public async Task ReadActivitiesAsync_ManyUndeclaredNames_ListsFirstThousand()
    {
        var logger = new ListLogger();
        var decoder = new ExportCsvDecoder(logger);
        var csv = new StringBuilder(
            "marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes\n");
        for (var row = 1; row <= 1_003; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row},9,2024-03-01T00:00:00Z,2,,9,Contact Us,\"{{\"\"Extra {row}\"\":{row}}}\"\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var records = await ToListAsync(decoder.ReadActivitiesAsync(stream, ActivitySchemas()));

        Assert.That(decoder.Statistics.GetUndeclaredAttributes(), Has.Count.EqualTo(1_000));
        Assert.That(decoder.Statistics.UnlistedUndeclaredAttributes, Is.EqualTo(3));
        Assert.That(((JsonElement)records[^1]["additional_attributes"]!).GetProperty("Extra 1003").GetInt32(), Is.EqualTo(1_003));
        Assert.That(logger.Entries.Count(entry => entry.EventName == "UndeclaredAttribute"), Is.EqualTo(1_000));
        Assert.That(logger.Entries.Count(entry => entry.EventName == "UndeclaredAttributesUnlisted"), Is.EqualTo(1));
    }

    [Test]
    public async Task ReadActivitiesAsync_NestedLayout_KeepsAttributesAsJsonObject()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-attribute-forms.csv", ActivityAttributeLayout.Nested);

        Assert.That(records[0].Schema.Fields[^1].Name, Is.EqualTo("attributes"));
        Assert.That(
            ((JsonElement)records[0]["attributes"]!).GetRawText(),
            Is.EqualTo("""{"Client IP Address":"10.0.0.1","Webpage ID":42,"Form Fields":"a=1","Query Parameters":null}"""));
        Assert.That(
            ((JsonElement)records[1]["attributes"]!).GetRawText(),
            Is.EqualTo("""{"Client IP Address":"10.0.0.2","Webpage ID":43}"""),
            "the legacy array becomes an object");
        Assert.That(((JsonElement)records[2]["attributes"]!).GetRawText(), Is.EqualTo("{}"));
        Assert.That(((JsonElement)records[3]["attributes"]!).GetRawText(), Is.EqualTo("{}"));
        Assert.That(records[4]["attributes"], Is.Null);
        Assert.That(records[5]["attributes"], Is.Null);
    }

    [Test]
    public async Task ReadActivitiesAsync_UnknownActivityType_ErrorNamesTypeAndRow()
    {
        var decoder = CreateDecoder();

        var read = () => ReadActivitiesAsync(decoder, "activities-unknown-type.csv");

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(async () => await read());
        Assert.That(error!.Message, Does.Contain("Data row 2 (line 3) is an activity of type 999"));
        Assert.That(error.Message, Does.Contain("types 2, 104, 100001"));
        Assert.That(decoder.Statistics.Rows, Is.EqualTo(1));
    }

    [Test]
    public void ReadActivitiesAsync_InvalidActivityTypeId_ErrorNamesValue()
    {
        var decoder = CreateDecoder();

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(() => ReadActivitiesAsync(decoder, "activities-invalid-type-id.csv"));

        Assert.That(error!.Message, Does.Contain("activityTypeId 'two'"));
        Assert.That(error.ColumnName, Is.EqualTo("activityTypeId"));
    }

    [Test]
    public async Task ReadActivitiesAsync_ActionResultNotRequested_KeptAsStringField()
    {
        var decoder = CreateDecoder();

        var records = await ReadActivitiesAsync(decoder, "activities-action-result.csv");

        Assert.That(records[0].Schema.Fields[^1].Name, Is.EqualTo("action_result"));
        Assert.That(records[0]["action_result"], Is.EqualTo("succeeded"));
        Assert.That(records[0]["activity_date"], Is.EqualTo(new DateTimeOffset(2014, 9, 17, 22, 31, 49, TimeSpan.Zero)));
    }

    [Test]
    public async Task ReadActivitiesAsync_ActionResultRequested_FilledInItsPlace()
    {
        var decoder = CreateDecoder();
        var schemas = new Dictionary<int, RecordSchema>
        {
            [2] = RecordSchema.ForActivityType(FillOutForm, includeActionResult: true),
        };
        await using var stream = OpenFixture("activities-action-result.csv");

        var records = await ToListAsync(decoder.ReadActivitiesAsync(stream, schemas));

        Assert.That(records[0].Schema.Fields[7].Name, Is.EqualTo("action_result"));
        Assert.That(records[0][7], Is.EqualTo("succeeded"));
        Assert.That(records[0].Schema, Is.SameAs(schemas[2]), "no column was unexpected");
    }

    [Test]
    public void ReadActivitiesAsync_SchemaKeyedByWrongType_RejectedEagerly()
    {
        var decoder = CreateDecoder();
        var schemas = new Dictionary<int, RecordSchema> { [3] = RecordSchema.ForActivityType(FillOutForm) };

        Assert.That(
            () => decoder.ReadActivitiesAsync(Stream.Null, schemas),
            Throws.ArgumentException.With.Message.Contains("is for activity type 2 but is keyed by 3"));
    }

    [Test]
    public void ReadActivitiesAsync_NoSchemas_RejectedEagerly()
    {
        var decoder = CreateDecoder();

        Assert.That(
            () => decoder.ReadActivitiesAsync(Stream.Null, new Dictionary<int, RecordSchema>()),
            Throws.ArgumentException);
    }

    [Test]
    public void ReadActivitiesAsync_HeaderWithoutAttributes_ErrorNamesColumn()
    {
        var decoder = CreateDecoder();
        using var stream = new MemoryStream(
            "marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue\n"u8.ToArray());

        var read = () => ToListAsync(decoder.ReadActivitiesAsync(stream, ActivitySchemas()));

        Assert.That(read, Throws.TypeOf<MarketoCsvFormatException>().With.Message.Contains("lacks column(s) 'attributes'"));
    }

    private static ExportCsvDecoder CreateDecoder() => new();
}
