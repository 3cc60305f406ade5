using Marketo.Extract.Models;
using Marketo.Extract.Records;
using static Marketo.Extract.Tests.Records.RecordsTestData;

namespace Marketo.Extract.Tests.Records;

public class RecordSchemaTests
{
    [Test]
    public void ForLeads_Fields_SnakeCaseNamesTypedByDataType()
    {
        var schema = RecordSchema.ForLeads(LeadFields);

        Assert.That(schema.Name, Is.EqualTo("leads"));
        Assert.That(schema.Fields.Select(field => field.Name), Is.EqualTo(new[]
        {
            "id", "email", "first_name", "last_name", "score", "percent_complete", "revenue", "rating", "is_active",
            "birth_date", "updated_at", "notes",
        }));
        Assert.That(schema.Fields[2].SourceName, Is.EqualTo("firstName"));
        Assert.That(schema.Fields.Select(field => field.ClrType), Is.EqualTo(new[]
        {
            typeof(long), typeof(string), typeof(string), typeof(string), typeof(long), typeof(long),
            typeof(decimal), typeof(double), typeof(bool), typeof(DateOnly), typeof(DateTimeOffset), typeof(string),
        }));
    }

    [Test]
    public void ForLeads_UnknownDataType_ReadAsString()
    {
        var schema = RecordSchema.ForLeads([new LeadField { Name = "formulaField", DataType = "formula" }]);

        Assert.That(schema.Fields[0].ClrType, Is.EqualTo(typeof(string)));
        Assert.That(schema.Fields[0].DataType, Is.EqualTo("formula"));
    }

    [Test]
    public void ForLeads_NamesThatCollide_GetNumberedSuffix()
    {
        var schema = RecordSchema.ForLeads(
        [
            new LeadField { Name = "leadScore", DataType = "integer" },
            new LeadField { Name = "lead_score", DataType = "integer" },
            new LeadField { Name = "LeadScore", DataType = "integer" },
        ]);

        Assert.That(schema.Fields.Select(field => field.Name), Is.EqualTo(new[] { "lead_score", "lead_score_2", "lead_score_3" }));
    }

    [Test]
    public void ForLeads_SameFieldTwice_Throws()
    {
        Assert.That(
            () => RecordSchema.ForLeads([LeadFields[0], LeadFields[0]]),
            Throws.ArgumentException.With.Message.Contains("'id' appears twice"));
    }

    [Test]
    public void ForActivityType_Flattened_BaseFieldsThenAttributes()
    {
        var schema = RecordSchema.ForActivityType(FillOutForm);

        Assert.That(schema.Name, Is.EqualTo("activities_fill_out_form"));
        Assert.That(schema.ActivityTypeId, Is.EqualTo(2));
        Assert.That(schema.Fields.Select(field => field.Name), Is.EqualTo(new[]
        {
            "marketo_guid", "lead_id", "activity_date", "activity_type_id", "campaign_id",
            "primary_attribute_value_id", "primary_attribute_value", "client_ip_address", "form_fields",
            "query_parameters", "referrer_url", "user_agent", "webpage_id", "additional_attributes",
        }));
        Assert.That(schema.Fields[^2].SourceName, Is.EqualTo("Webpage ID"));
        Assert.That(schema.Fields[^2].Source, Is.EqualTo(RecordFieldSource.ActivityAttribute));
        Assert.That(schema.Fields[^1].Source, Is.EqualTo(RecordFieldSource.UndeclaredActivityAttributes));
    }

    [Test]
    public void ForActivityType_BaseFields_HaveContractTypes()
    {
        var schema = RecordSchema.ForActivityType(FillOutForm);

        Assert.That(schema.Fields.Take(7).Select(field => field.ClrType), Is.EqualTo(new[]
        {
            typeof(string), typeof(long), typeof(DateTimeOffset), typeof(long), typeof(long), typeof(long), typeof(string),
        }));
    }

    [Test]
    public void ForActivityType_Collisions_ResolvedInDeclaredOrder()
    {
        var type = new ActivityType
        {
            Id = 100002,
            Name = "Custom Thing",
            Attributes =
            [
                new() { Name = "Lead ID", DataType = "integer" },
                new() { Name = "Webpage ID", DataType = "integer" },
                new() { Name = "webpageId", DataType = "string" },
                new() { Name = "Attributes", DataType = "string" },
                new() { Name = "Additional Attributes", DataType = "string" },
                new() { Name = "marketoGUID", DataType = "string" },
                new() { Name = "Lead ID Attr", DataType = "string" },
            ],
        };

        var schema = RecordSchema.ForActivityType(type);

        Assert.That(schema.Fields.Skip(7).Select(field => field.Name), Is.EqualTo(new[]
        {
            "lead_id_attr", "webpage_id", "webpage_id_2", "attributes_attr", "additional_attributes_attr",
            "marketo_guid_attr", "lead_id_attr_2", "additional_attributes",
        }));
    }

    [TestCase("")]
    [TestCase(null)]
    public void ForActivityType_AttributeWithoutName_ErrorNamesTypeAndAttribute(string? name)
    {
        var type = new ActivityType
        {
            Id = 100003,
            Name = "Custom Thing",
            Attributes = [new() { Name = "Score", DataType = "integer" }, new() { Name = name!, DataType = "string" }],
        };

        var error = Assert.Throws<ArgumentException>(() => RecordSchema.ForActivityType(type));

        Assert.That(error.Message, Does.Contain("100003 'Custom Thing'"));
        Assert.That(error.Message, Does.Contain("attribute 2 of 2"));
    }

    [Test]
    public void ForActivityType_Nested_OneAttributesField()
    {
        var schema = RecordSchema.ForActivityType(FillOutForm, ActivityAttributeLayout.Nested);

        Assert.That(schema.Fields, Has.Count.EqualTo(8));
        Assert.That(schema.Fields[^1].Name, Is.EqualTo("attributes"));
        Assert.That(schema.Fields[^1].DataType, Is.EqualTo("json"));
        Assert.That(schema.Fields[^1].ClrType, Is.EqualTo(typeof(System.Text.Json.JsonElement)));
    }

    [Test]
    public void ForActivityType_IncludeActionResult_FieldBeforeAttributes()
    {
        var schema = RecordSchema.ForActivityType(FillOutForm, includeActionResult: true);

        Assert.That(schema.Fields[7].Name, Is.EqualTo("action_result"));
        Assert.That(schema.Fields[7].SourceName, Is.EqualTo("actionResult"));
    }

    [Test]
    public void ForActivityType_UndefinedLayout_Throws()
    {
        Assert.That(
            () => RecordSchema.ForActivityType(FillOutForm, (ActivityAttributeLayout)7),
            Throws.ArgumentException.With.Message.Contains("Attribute layout 7 is not defined"));
    }

    [Test]
    public void ForActivityTypes_SameStreamId_HigherIdGetsSuffix()
    {
        var custom = FillOutForm with { Id = 100005, Name = "Fill-Out Form" };

        var schemas = RecordSchema.ForActivityTypes([custom, FillOutForm]);

        Assert.That(schemas[2].Name, Is.EqualTo("activities_fill_out_form"));
        Assert.That(schemas[100005].Name, Is.EqualTo("activities_fill_out_form_100005"));
    }

    [Test]
    public void ForActivityTypes_DuplicateId_Throws()
    {
        Assert.That(
            () => RecordSchema.ForActivityTypes([FillOutForm, FillOutForm]),
            Throws.ArgumentException.With.Message.Contains("id 2 appears twice"));
    }

    [Test]
    public void IndexOf_KnownAndUnknownName_GivesOrdinalOrMinusOne()
    {
        var schema = LeadSchema;

        Assert.That(schema.IndexOf("first_name"), Is.EqualTo(2));
        Assert.That(schema.IndexOf("firstName"), Is.EqualTo(-1));
        Assert.That(schema.TryGetOrdinal("notes", out var ordinal), Is.True);
        Assert.That(ordinal, Is.EqualTo(11));
    }

    [Test]
    public void Constructor_DuplicateFieldNames_Throws()
    {
        Assert.That(
            () => new RecordSchema("custom", [new RecordField("a", "string"), new RecordField("a", "integer")]),
            Throws.ArgumentException.With.Message.Contains("two fields named 'a' (ordinals 0 and 1)"));
    }
}
