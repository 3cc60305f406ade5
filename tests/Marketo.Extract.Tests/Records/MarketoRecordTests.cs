using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketo.Extract.Records;

namespace Marketo.Extract.Tests.Records;

public class MarketoRecordTests
{
    private static readonly RecordSchema Schema = new(
        "custom",
        [
            new RecordField("id", "integer"),
            new RecordField("first_name", "string", "firstName"),
            new RecordField("percent_complete", "percent", "percentComplete"),
            new RecordField("rating", "float"),
            new RecordField("is_active", "boolean", "isActive"),
            new RecordField("birth_date", "date", "birthDate"),
            new RecordField("updated_at", "datetime", "updatedAt"),
            new RecordField("attributes", "json"),
            new RecordField("campaign_id", "integer", "campaignId"),
        ]);

    [Test]
    public void WriteTo_EveryValueType_WritesExactJson()
    {
        var record = CreateRecord();

        var json = WriteJson(record);

        const string Expected =
            """{"id":9007199254740993,"first_name":"Zoë \"Z\"","percent_complete":12.50,"rating":0.1,"is_active":true,"birth_date":"1999-12-31","updated_at":"2024-01-31T12:00:00Z","attributes":{"a":[1,"x"]},"campaign_id":null}""";
        Assert.That(json, Is.EqualTo(Expected));
    }

    [Test]
    public void WriteTo_NonUtcAndFractionalInstant_WritesUtcWithFraction()
    {
        var instant = new DateTimeOffset(2024, 1, 31, 14, 0, 0, 250, TimeSpan.FromHours(2));
        var record = new MarketoRecord(new RecordSchema("s", [new RecordField("at", "datetime")]), [instant]);

        Assert.That(WriteJson(record), Is.EqualTo("""{"at":"2024-01-31T12:00:00.25Z"}"""));
    }

    [Test]
    public void WriteTo_DoubleValues_RoundTrip()
    {
        var record = new MarketoRecord(new RecordSchema("s", [new RecordField("x", "float")]), [1.0 / 3]);

        var json = WriteJson(record);

        using var document = JsonDocument.Parse(json);
        Assert.That(document.RootElement.GetProperty("x").GetDouble(), Is.EqualTo(1.0 / 3));
    }

    [Test]
    public void WriteTo_ValueWithoutJsonForm_ThrowsNamingField()
    {
        var record = new MarketoRecord(new RecordSchema("s", [new RecordField("x", "string")]), [new Uri("http://a")]);

        Assert.That(
            () => WriteJson(record),
            Throws.TypeOf<NotSupportedException>().With.Message.Contains("Field 'x' contains a System.Uri"));
    }

    [Test]
    public void ToString_GivesTheJsonLine()
    {
        var record = CreateRecord();

        Assert.That(record.ToString(), Is.EqualTo(WriteJson(record)));
    }

    [Test]
    public void Indexers_ByOrdinalAndName_GiveSameValue()
    {
        var record = CreateRecord();

        Assert.That(record[1], Is.EqualTo("Zoë \"Z\""));
        Assert.That(record["first_name"], Is.SameAs(record[1]));
        Assert.That(record.Count, Is.EqualTo(9));
    }

    [Test]
    public void Indexer_UnknownName_ThrowsNamingSchema()
    {
        var record = CreateRecord();

        Assert.That(
            () => record["firstName"],
            Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("Schema 'custom' has no field named 'firstName'"));
    }

    [Test]
    public void DictionaryView_ListsFieldsInOrder()
    {
#pragma warning disable CA1859 // The test reads the record through the interface on purpose.
        IReadOnlyDictionary<string, object?> record = CreateRecord();
#pragma warning restore CA1859

        Assert.That(record.Keys, Is.EqualTo(Schema.Fields.Select(field => field.Name)));
        Assert.That(record.Values.Count(), Is.EqualTo(9));
        Assert.That(record.ContainsKey("campaign_id"), Is.True);
        Assert.That(record.ContainsKey("nope"), Is.False);
        Assert.That(record.TryGetValue("id", out var id), Is.True);
        Assert.That(id, Is.EqualTo(9007199254740993L));
        Assert.That(record.TryGetValue("nope", out _), Is.False);
        Assert.That(record.First(), Is.EqualTo(new KeyValuePair<string, object?>("id", 9007199254740993L)));
    }

    [Test]
    public void Constructor_WrongValueCount_Throws()
    {
        Assert.That(
            () => new MarketoRecord(Schema, new object?[2]),
            Throws.ArgumentException.With.Message.Contains("2 values were given for schema 'custom', which has 9 fields"));
    }

    [Test]
    public void As_ClassWithSetters_MapsSnakeAndCamelNames()
    {
        var record = CreateRecord();

        var lead = record.As<LeadWithSetters>();

        Assert.That(lead.Id, Is.EqualTo(9007199254740993L));
        Assert.That(lead.FirstName, Is.EqualTo("Zoë \"Z\""));
        Assert.That(lead.percentComplete, Is.EqualTo(12.50m));
        Assert.That(lead.IS_ACTIVE, Is.True);
        Assert.That(lead.BirthDate, Is.EqualTo(new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(lead.UpdatedAt, Is.EqualTo(new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero)));
        Assert.That(lead.CampaignId, Is.Null);
        Assert.That(lead.Rating, Is.EqualTo("0.1"), "any value converts to a string property");
        Assert.That(lead.Unmatched, Is.EqualTo("default"));
    }

    [Test]
    public void As_PositionalRecord_MapsConstructorParameters()
    {
        var record = CreateRecord();

        var lead = record.As<LeadRecord>();

        Assert.That(lead.Id, Is.EqualTo(9007199254740993L));
        Assert.That(lead.FirstName, Is.EqualTo("Zoë \"Z\""));
        Assert.That(lead.BirthDate, Is.EqualTo(new DateOnly(1999, 12, 31)));
        Assert.That(lead.IsActive, Is.True, "a property outside the constructor is set afterwards");
    }

    [Test]
    public void As_InitOnlyProperties_AreSet()
    {
        var record = CreateRecord();

        var lead = record.As<LeadWithInit>();

        Assert.That(lead.Id, Is.EqualTo(9007199254740993L));
        Assert.That(lead.Attributes.GetProperty("a")[1].GetString(), Is.EqualTo("x"));
    }

    [Test]
    public void As_CalledTwice_UsesCachedPlan()
    {
        var record = CreateRecord();

        var first = record.As<LeadWithSetters>();
        var second = record.As<LeadWithSetters>();

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(second.Id, Is.EqualTo(first.Id));
    }

    [Test]
    public void As_NullIntoValueType_ThrowsNamingFieldAndMember()
    {
        var record = CreateRecord();

        Assert.That(
            () => record.As<LeadWithRequiredCampaign>(),
            Throws.TypeOf<InvalidCastException>().With.Message.EqualTo(
                "Field 'campaign_id' is null, which does not fit property 'CampaignId' of "
                + "LeadWithRequiredCampaign of type Int64; declare it as Int64? to accept missing values."));
    }

    [Test]
    public void As_FractionIntoInteger_ThrowsNamingValue()
    {
        var record = CreateRecord();

        Assert.That(
            () => record.As<LeadWithIntegerPercent>(),
            Throws.TypeOf<InvalidCastException>().With.Message.EqualTo(
                "Field 'percent_complete' contains Decimal '12.50', which does not fit property 'PercentComplete' "
                + "of LeadWithIntegerPercent of type Int32."));
    }

    [Test]
    public void As_NumberThatFits_ConvertsExactly()
    {
        var record = new MarketoRecord(new RecordSchema("s", [new RecordField("n", "integer")]), [12L]);

        Assert.That(record.As<NumberHolder>().N, Is.EqualTo(12));
        Assert.That(record.GetValue<decimal>("n"), Is.EqualTo(12m));
        Assert.That(record.GetValue<double?>("n"), Is.EqualTo(12d));
    }

    [TestCase(0.30000000000000004, "0.30000000000000004")]
    [TestCase(123456789.12345678, "123456789.12345678")]
    [TestCase(-2.5e-7, "-0.00000025")]
    public void GetValue_DoubleAsDecimal_KeepsEveryDigit(double number, string expected)
    {
        var record = new MarketoRecord(new RecordSchema("s", [new RecordField("n", "float")]), [number]);

        var converted = record.GetValue<decimal>("n");

        Assert.That(converted, Is.EqualTo(decimal.Parse(expected, CultureInfo.InvariantCulture)));
    }

    [TestCase(1e-30)]
    [TestCase(1e30)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void GetValue_DoubleNoDecimalHolds_Throws(double number)
    {
        var record = new MarketoRecord(new RecordSchema("s", [new RecordField("n", "float")]), [number]);

        Assert.That(() => record.GetValue<decimal>("n"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => record.GetValue<long>("n"), Throws.TypeOf<InvalidCastException>());
    }

    [TestCase(float.NaN)]
    [TestCase(float.MaxValue)]
    public void GetValue_FloatNoDecimalHolds_Throws(float number)
    {
        var record = new MarketoRecord(new RecordSchema("s", [new RecordField("n", "float")]), [number]);

        Assert.That(() => record.GetValue<decimal>("n"), Throws.TypeOf<InvalidCastException>());
        Assert.That(record.GetValue<double>("n"), Is.EqualTo((double)number));
    }

    [Test]
    public void GetValue_LongTooBigForInt_Throws()
    {
        var record = CreateRecord();

        Assert.That(
            () => record.GetValue<int>("id"),
            Throws.TypeOf<InvalidCastException>().With.Message.EqualTo(
                "Field 'id' contains Int64 '9007199254740993', which does not fit the value requested by GetValue "
                + "of type Int32."));
    }

    private static MarketoRecord CreateRecord()
    {
        using var attributes = JsonDocument.Parse("""{"a":[1,"x"]}""");
        return new MarketoRecord(Schema,
        [
            9007199254740993L,
            "Zoë \"Z\"",
            12.50m,
            0.1d,
            true,
            new DateOnly(1999, 12, 31),
            new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero),
            attributes.RootElement.Clone(),
            null,
        ]);
    }

    private static string WriteJson(MarketoRecord record)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            record.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public sealed class LeadWithSetters
    {
        public long Id { get; set; }

        public string? FirstName { get; set; }

#pragma warning disable IDE1006 // The odd casings check that names match whatever their case.
        public decimal percentComplete { get; set; }

        public bool IS_ACTIVE { get; set; }
#pragma warning restore IDE1006

        public DateTime BirthDate { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public long? CampaignId { get; set; }

        public string? Rating { get; set; }

        public string Unmatched { get; set; } = "default";
    }

    public sealed record LeadRecord(long Id, string FirstName, DateOnly BirthDate)
    {
        public bool IsActive { get; init; }
    }

    public sealed class LeadWithInit
    {
        public long Id { get; init; }

        public JsonElement Attributes { get; init; }
    }

    public sealed class LeadWithRequiredCampaign
    {
        public long CampaignId { get; set; }
    }

    public sealed class LeadWithIntegerPercent
    {
        public int PercentComplete { get; set; }
    }

    public sealed class NumberHolder
    {
        public int N { get; set; }
    }
}
