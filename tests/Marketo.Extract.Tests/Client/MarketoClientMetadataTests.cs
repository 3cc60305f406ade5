using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientMetadataTests : MarketoClientTestBase
{
    private const string Describe2Path = "/rest/v1/leads/describe2.json";
    private const string DescribePath = "/rest/v1/leads/describe.json";

    [Test]
    public async Task GetActivityTypes_MapsStandardAndCustomTypes()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/types.json")
            .Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        var types = await client.GetActivityTypesAsync();

        Assert.That(Harness.ApiRequests.Single().Query, Is.Empty);
        Assert.That(types.Select(type => type.Id), Is.EqualTo(new[] { 2, 37, 100001 }));
        Assert.That(types[0].Name, Is.EqualTo("Fill Out Form"));
        Assert.That(types[0].PrimaryAttribute!.Name, Is.EqualTo("Webform ID"));
        Assert.That(types[0].PrimaryAttribute!.DataType, Is.EqualTo("integer"));
        Assert.That(types[0].Attributes.Select(attribute => attribute.Name), Is.EqualTo(new[] { "Client IP Address", "Form Fields", "Webpage ID" }));
        Assert.That(types[1].Attributes, Is.Empty);
        Assert.That(types[2].ApiName, Is.EqualTo("watchedVideo_c"));
        Assert.That(types[2].Attributes[0].ApiName, Is.EqualTo("secondsWatched"));
        Assert.That(types[2].AdditionalProperties!["status"].GetString(), Is.EqualTo("approved"));
    }

    [Test]
    public async Task DescribeLeads_ReadsDescribe2()
    {
        Harness.Expect(HttpMethod.Get, Describe2Path).Respond("application/json", Fixtures.Read("describe2.json"));
        var client = Harness.CreateClient();

        var fields = await client.DescribeLeadsAsync();

        Assert.That(fields.Select(field => field.Name), Is.EqualTo(new[] { "id", "email", "leadScore", "updatedAt" }));
        Assert.That(fields[1], Is.EqualTo(new Models.LeadField
        {
            Name = "email",
            DisplayName = "Email Address",
            DataType = "email",
            Length = 255,
            IsUpdateable = true,
        }));
        Assert.That(fields[0].IsUpdateable, Is.False);
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task DescribeLeads_Describe2NotFound_FallsBackToDescribe_SkippingFieldsWithoutRestName()
    {
        Harness.Expect(HttpMethod.Get, Describe2Path).Respond("application/json", Fixtures.Error("610", "Requested resource not found"));
        Harness.Expect(HttpMethod.Get, DescribePath).Respond("application/json", Fixtures.Read("describe.json"));
        var client = Harness.CreateClient();

        var fields = await client.DescribeLeadsAsync();

        Assert.That(fields.Select(field => field.Name), Is.EqualTo(new[] { "company", "createdAt" }));
        Assert.That(fields[0].DisplayName, Is.EqualTo("Company Name"));
        Assert.That(fields[0].Length, Is.EqualTo(255));
        Assert.That(fields[0].IsUpdateable, Is.True);
        Assert.That(fields[1].IsUpdateable, Is.False);
        Assert.That(fields[1].DataType, Is.EqualTo("datetime"));
    }

    [Test]
    public async Task DescribeLeads_Describe2Empty_FallsBackToDescribe()
    {
        Harness.Expect(HttpMethod.Get, Describe2Path).Respond("application/json", Fixtures.Read("describe2-empty.json"));
        Harness.Expect(HttpMethod.Get, DescribePath).Respond("application/json", Fixtures.Read("describe.json"));
        var client = Harness.CreateClient();

        var fields = await client.DescribeLeadsAsync();

        Assert.That(fields, Has.Count.EqualTo(2));
        Assert.That(Harness.Logger.Entries.Any(entry => entry.EventId.Name == "DescribeFallback"), Is.True);
    }

    [TestCase("607", "Daily quota reached")]
    [TestCase("604", "Request timed out")]
    public void DescribeLeads_Describe2QuotaOrTransientFailure_DoesNotFallBack(string code, string message)
    {
        Harness.When(HttpMethod.Get, Describe2Path).Respond("application/json", Fixtures.Error(code, message));
        var client = Harness.CreateClient(options => options.MaxRetryAttempts = 0);

        var exception = Assert.ThrowsAsync(Is.InstanceOf<MarketoException>(), () => client.DescribeLeadsAsync());

        Assert.That(((MarketoException)exception!).ErrorCode, Is.EqualTo(code));
        Assert.That(Harness.ApiRequests.All(request => request.Path == Describe2Path), Is.True);
    }
}
