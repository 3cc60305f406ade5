using Marketo.Extract.Models;
using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientPagingTests : MarketoClientTestBase
{
    private const string FirstCampaignToken = "GIYDAOBNGEYS2MBWKQYDAORQGA5DAMBOGAYDAKZQGAYDALBQ";

    [Test]
    public async Task GetCampaigns_FollowsTokenUntilAbsent_AndMapsEveryDateForm()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/campaigns.json").Respond("application/json", Fixtures.Read("campaigns-page1.json"));
        Harness.Expect(HttpMethod.Get, "/rest/v1/campaigns.json").Respond("application/json", Fixtures.Read("campaigns-page2.json"));
        var client = Harness.CreateClient();

        var campaigns = await client.GetCampaignsAsync().ToListAsync();

        var queries = Harness.ApiRequests.Select(request => request.Query).ToArray();
        Assert.That(queries, Is.EqualTo(new[] { "batchSize=300", "batchSize=300&nextPageToken=" + FirstCampaignToken }));
        Assert.That(campaigns.Select(campaign => campaign.Id), Is.EqualTo(new long[] { 1001, 1002, 1003 }));
        Assert.That(campaigns[0].CreatedAt, Is.EqualTo(new DateTimeOffset(2016, 5, 17, 22, 11, 45, TimeSpan.Zero)));
        Assert.That(campaigns[1].CreatedAt, Is.EqualTo(new DateTimeOffset(2015, 5, 7, 19, 47, 30, TimeSpan.Zero)));
        Assert.That(campaigns[1].CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(campaigns[1].UpdatedAt, Is.EqualTo(new DateTimeOffset(2014, 9, 17, 22, 31, 49, TimeSpan.Zero)));
        Assert.That(campaigns[0].ProgramId, Is.EqualTo(2001));
        Assert.That(campaigns[0].Type, Is.EqualTo("batch"));
        Assert.That(campaigns[1].Active, Is.True);
        Assert.That(campaigns[1].AdditionalProperties!.ContainsKey("isCommunicationLimitEnabled"), Is.True);
    }

    [Test]
    public async Task GetCampaignsPage_LastPage_HasNoContinuationToken()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/campaigns.json").Respond("application/json", Fixtures.Read("campaigns-page2.json"));
        var client = Harness.CreateClient();

        var page = await client.GetCampaignsPageAsync("RESUME-TOKEN");

        Assert.That(page.ContinuationToken, Is.Null);
        Assert.That(page.Values, Has.Count.EqualTo(1));
        Assert.That(Harness.ApiRequests.Single().Query, Is.EqualTo("batchSize=300&nextPageToken=RESUME-TOKEN"));
    }

    [Test]
    public async Task GetStaticLists_EndsWhenTokenAbsent_EvenAfterEmptyPage()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/lists.json").Respond("application/json", Fixtures.Read("lists-page1.json"));
        Harness.Expect(HttpMethod.Get, "/rest/v1/lists.json").Respond("application/json", Fixtures.Read("lists-page2.json"));
        var client = Harness.CreateClient();

        var lists = await client.GetStaticListsAsync().ToListAsync();

        Assert.That(lists.Single().Name, Is.EqualTo("Webinar Attendees"));
        Assert.That(lists.Single().UpdatedAt, Is.EqualTo(new DateTimeOffset(2022, 2, 13, 14, 8, 50, TimeSpan.Zero)));
        Assert.That(Harness.ApiRequests[1].Query, Is.EqualTo("batchSize=300&nextPageToken=LISTPAGE2"));
    }

    [Test]
    public void GetStaticLists_SameTokenReturned_StopsWithError()
    {
        Harness.When(HttpMethod.Get, "/rest/v1/lists.json")
            .Respond("application/json", Fixtures.Read("lists-page1.json").Replace("LISTPAGE2", "SAME"));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(async () =>
        {
            await foreach (var page in client.GetStaticListsAsync())
            {
            }
        });

        Assert.That(exception.Message, Does.Contain("returned the paging token it was read with"));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GetPrograms_PagesByOffset_UntilNoAssetsWarning()
    {
        Harness.Expect(HttpMethod.Get, "/rest/asset/v1/programs.json").Respond("application/json", Fixtures.Read("programs-page1.json"));
        Harness.Expect(HttpMethod.Get, "/rest/asset/v1/programs.json").Respond("application/json", Fixtures.Read("programs-no-assets.json"));
        var client = Harness.CreateClient();

        var programs = await client.GetProgramsAsync().ToListAsync();

        Assert.That(Harness.ApiRequests.Select(request => request.Query), Is.EqualTo(new[] { "maxReturn=200&offset=0", "maxReturn=200&offset=2" }));
        Assert.That(programs.Select(program => program.Id), Is.EqualTo(new long[] { 1107, 1108 }));
        Assert.That(programs[0].CreatedAt, Is.EqualTo(new DateTimeOffset(2015, 5, 21, 22, 45, 13, TimeSpan.Zero)));
        Assert.That(programs[1].CreatedAt, Is.EqualTo(new DateTimeOffset(2015, 5, 22, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(programs[0].Folder!.Value.GetProperty("folderName").GetString(), Is.EqualTo("ProgramQueryTestFolder"));
        Assert.That(programs[0].Description, Is.Empty);
        Assert.That(programs[0].AdditionalProperties!["headStart"].GetBoolean(), Is.False);
    }

    [Test]
    public async Task GetProgramsPage_WithUpdatedRange_SendsBothBoundsAndOffset()
    {
        Harness.Expect(HttpMethod.Get, "/rest/asset/v1/programs.json").Respond("application/json", Fixtures.Read("programs-empty-result.json"));
        var client = Harness.CreateClient();
        var range = new DateTimeRange(
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, 250, TimeSpan.Zero),
            new DateTimeOffset(2024, 1, 31, 18, 0, 0, TimeSpan.FromHours(-6)));

        var page = await client.GetProgramsPageAsync(range, "400");

        Assert.That(
            Harness.ApiRequests.Single().Query,
            Is.EqualTo("maxReturn=200&offset=400&earliestUpdatedAt=2024-01-01T00%3A00%3A00Z&latestUpdatedAt=2024-02-01T00%3A00%3A00Z"));
        Assert.That(page.Values, Is.Empty);
        Assert.That(page.ContinuationToken, Is.Null);
    }

    [Test]
    public void GetProgramsPage_InvalidContinuationToken_ThrowsArgumentException()
    {
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<ArgumentException>(() => client.GetProgramsPageAsync(null, "page-2"));

        Assert.That(exception.ParamName, Is.EqualTo("continuationToken"));
        Assert.That(exception.Message, Does.Contain("'page-2' is invalid"));
    }

    [Test]
    public void GetPrograms_RangeEndBeforeStart_ThrowsBeforeEnumerating()
    {
        var client = Harness.CreateClient();
        var range = new DateTimeRange(MarketoClientHarness.Start, MarketoClientHarness.Start.AddDays(-1));

        Assert.Throws<ArgumentException>(() => client.GetProgramsAsync(range));
    }

    [Test]
    public async Task GetDeletedLeads_GetsPagingTokenThenReadsWhileMoreResult()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/pagingtoken.json").Respond("application/json", Fixtures.Read("paging-token.json"));
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/deletedleads.json").Respond("application/json", Fixtures.Read("deleted-leads-page1.json"));
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/deletedleads.json").Respond("application/json", Fixtures.Read("deleted-leads-page2.json"));
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/deletedleads.json").Respond("application/json", Fixtures.Read("deleted-leads-page3.json"));
        var client = Harness.CreateClient();
        var since = new DateTimeOffset(2014, 10, 6, 13, 22, 17, TimeSpan.FromHours(-8));

        var deleted = await client.GetDeletedLeadsAsync(since).ToListAsync();

        var queries = Harness.ApiRequests.Select(request => request.Query).ToArray();
        Assert.That(queries[0], Is.EqualTo("sinceDatetime=2014-10-06T21%3A22%3A17Z"));
        Assert.That(queries[1], Is.EqualTo("nextPageToken=GIYDAOBNGEYS2MBWKQYDAORQGA5DAMBOGAYDAKZQGAYDALBQ&batchSize=300"));
        Assert.That(queries[2], Is.EqualTo("nextPageToken=DELETEDPAGE2&batchSize=300"));
        Assert.That(queries[3], Is.EqualTo("nextPageToken=DELETEDPAGE3&batchSize=300"));
        Assert.That(deleted.Select(activity => activity.MarketoGuid), Is.EqualTo(new[] { "9001", "9002" }));
        Assert.That(deleted[0].ActivityDate, Is.EqualTo(new DateTimeOffset(2014, 9, 17, 22, 31, 49, TimeSpan.Zero)));
        Assert.That(deleted[0].PrimaryAttributeValueId, Is.EqualTo(318581));
        Assert.That(deleted[0].PrimaryAttributeValue, Is.EqualTo("Joe Jones"));
        Assert.That(deleted[1].Id, Is.Null);
        Assert.That(deleted[1].CampaignId, Is.EqualTo(12));
        Assert.That(deleted[1].Attributes!.Value[0].GetProperty("value").GetString(), Is.EqualTo("GDPR"));
    }

    [Test]
    public async Task GetDeletedLeadsPage_MoreResultFalse_EndsEvenWithToken()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/deletedleads.json").Respond("application/json", Fixtures.Read("deleted-leads-page3.json"));
        var client = Harness.CreateClient();

        var page = await client.GetDeletedLeadsPageAsync("DELETEDPAGE3");

        Assert.That(page.ContinuationToken, Is.Null);
        Assert.That(page.Values, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetDeletedLeadsPage_ShortPageWithMoreResult_ContinuesWithNextToken()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/deletedleads.json").Respond("application/json", Fixtures.Read("deleted-leads-page2.json"));
        var client = Harness.CreateClient();

        var page = await client.GetDeletedLeadsPageAsync("DELETEDPAGE2");

        Assert.That(page.Values, Is.Empty);
        Assert.That(page.ContinuationToken, Is.EqualTo("DELETEDPAGE3"));
    }

    [Test]
    public async Task GetPagingToken_EncodesSinceAsWholeSecondsUtc()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/pagingtoken.json").Respond("application/json", Fixtures.Read("paging-token.json"));
        var client = Harness.CreateClient();

        var token = await client.GetPagingTokenAsync(new DateTimeOffset(2024, 3, 1, 8, 30, 15, 999, TimeSpan.FromHours(1)));

        Assert.That(token, Is.EqualTo("GIYDAOBNGEYS2MBWKQYDAORQGA5DAMBOGAYDAKZQGAYDALBQ"));
        Assert.That(Harness.ApiRequests.Single().Query, Is.EqualTo("sinceDatetime=2024-03-01T07%3A30%3A15Z"));
    }

    [Test]
    public void GetCampaigns_CancelledBetweenPages_StopsReading()
    {
        Harness.Expect(HttpMethod.Get, "/rest/v1/campaigns.json").Respond("application/json", Fixtures.Read("campaigns-page1.json"));
        var client = Harness.CreateClient();
        using var cancellation = new CancellationTokenSource();

        Assert.That(
            async () =>
            {
                await foreach (var campaign in client.GetCampaignsAsync(cancellation.Token))
                {
                    cancellation.Cancel();
                }
            },
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Campaign_WithoutCreatedAt_ThrowsNamingTheItem()
    {
        Harness.When(HttpMethod.Get, "/rest/v1/campaigns.json")
            .Respond("application/json", """{"requestId":"1#1","success":true,"result":[{"id":7,"name":"x","updatedAt":"2020-01-01T00:00:00Z"}]}""");
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetCampaignsPageAsync(null));

        Assert.That(exception.Message, Does.Contain("GET /rest/v1/campaigns.json returned an item (7) without 'createdAt'"));
    }

    [Test]
    public void Campaign_WithUnreadableDate_ThrowsNamingTheValue()
    {
        Harness.When(HttpMethod.Get, "/rest/v1/campaigns.json")
            .Respond("application/json", """{"requestId":"1#1","success":true,"result":[{"id":7,"name":"x","createdAt":"last tuesday","updatedAt":"2020-01-01T00:00:00Z"}]}""");
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetCampaignsPageAsync(null));

        Assert.That(exception.Message, Does.Contain("'last tuesday' is not a Marketo timestamp"));
    }
}
