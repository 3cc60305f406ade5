using System.Text.Json;

namespace Marketo.Extract.Testing.Tests;

public sealed class ReadEndpointTests
{
    [Test]
    public async Task Campaigns_TwoPages_TokenLeftOutOnLastPage()
    {
        await using var harness = EmulatorHarness.Create();

        using var first = await harness.GetAsync(EmulatorEndpoints.Campaigns);
        string token = first.RootElement.GetProperty("nextPageToken").GetString()!;
        using var second = await harness.GetAsync($"{EmulatorEndpoints.Campaigns}?nextPageToken={token}");

        Assert.That(first.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(300));
        Assert.That(first.RootElement.GetProperty("moreResult").GetBoolean(), Is.True);
        Assert.That(second.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(50));
        Assert.That(second.RootElement.GetProperty("moreResult").GetBoolean(), Is.False);
        Assert.That(second.RootElement.TryGetProperty("nextPageToken", out _), Is.False);
        var campaign = EmulatorHarness.Result(first);
        Assert.That(campaign.GetProperty("createdAt").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        Assert.That(campaign.GetProperty("type").GetString(), Is.AnyOf("batch", "trigger"));
    }

    [Test]
    public async Task StaticLists_SmallBatches_PageThroughAll()
    {
        await using var harness = EmulatorHarness.Create();
        var ids = new List<long>();
        string? token = null;

        do
        {
            using var page = await harness.GetAsync($"{EmulatorEndpoints.StaticLists}?batchSize=100" + (token is null ? "" : $"&nextPageToken={token}"));
            ids.AddRange(page.RootElement.GetProperty("result").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()));
            token = page.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.That(ids, Is.EqualTo(harness.Emulator.Dataset.StaticLists.Select(l => l.Id)));
    }

    [Test]
    public async Task Campaigns_BatchSizeOver300_Rejected1003()
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.GetAsync($"{EmulatorEndpoints.Campaigns}?batchSize=301");

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("1003"));
    }

    [Test]
    public async Task Programs_OffsetPaging_EndsWithNoAssetsWarning()
    {
        await using var harness = EmulatorHarness.Create();

        using var first = await harness.GetAsync($"{EmulatorEndpoints.Programs}?maxReturn=200&offset=0");
        using var second = await harness.GetAsync($"{EmulatorEndpoints.Programs}?maxReturn=200&offset=200");
        using var end = await harness.GetAsync($"{EmulatorEndpoints.Programs}?maxReturn=200&offset=400");

        Assert.That(first.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(200));
        Assert.That(second.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(30));
        Assert.That(end.RootElement.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(end.RootElement.TryGetProperty("result", out _), Is.False);
        Assert.That(end.RootElement.GetProperty("warnings")[0].GetString(), Is.EqualTo("No assets found for the given search criteria."));
        Assert.That(EmulatorHarness.Result(first).GetProperty("updatedAt").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\+0000$"));
    }

    [Test]
    public async Task Programs_MaxReturnOver200_Rejected()
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.GetAsync($"{EmulatorEndpoints.Programs}?maxReturn=201");

        Assert.That(response.RootElement.GetProperty("success").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Programs_UpdatedBounds_CreatedOrUpdatedWithin()
    {
        await using var harness = EmulatorHarness.Create();
        var from = EmulatorHarness.Start.AddDays(-30);
        var to = EmulatorHarness.Start;
        var expected = harness.Emulator.Dataset.Programs
            .Where(p => (p.CreatedAt >= from && p.CreatedAt <= to) || (p.UpdatedAt >= from && p.UpdatedAt <= to))
            .Select(p => p.Id).Take(200).ToList();

        using var response = await harness.GetAsync(
            $"{EmulatorEndpoints.Programs}?maxReturn=200&earliestUpdatedAt={from:yyyy-MM-ddTHH:mm:ssZ}&latestUpdatedAt={to:yyyy-MM-ddTHH:mm:ssZ}");

        var ids = response.RootElement.GetProperty("result").EnumerateArray().Select(p => p.GetProperty("id").GetInt64());
        Assert.That(expected, Is.Not.Empty);
        Assert.That(ids, Is.EqualTo(expected));
    }

    [TestCase(EmulatorEndpoints.DescribeLeads)]
    [TestCase(EmulatorEndpoints.DescribeLeads2)]
    public async Task Describe_LengthOnlyOnStringTypes(string path)
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.GetAsync(path);

        var result = EmulatorHarness.Result(response);
        var fields = (path == EmulatorEndpoints.DescribeLeads2 ? result.GetProperty("fields") : response.RootElement.GetProperty("result"))
            .EnumerateArray().ToList();
        var withLength = fields.Where(f => f.TryGetProperty("length", out _)).Select(f => f.GetProperty("dataType").GetString()).Distinct();
        Assert.That(withLength, Is.SubsetOf(new[] { "string", "text", "textarea" }));
        Assert.That(withLength, Is.Not.Empty);
    }

    [Test]
    public async Task Describe_FormulaFieldHasNoRestMember()
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.GetAsync(EmulatorEndpoints.DescribeLeads);

        var fields = response.RootElement.GetProperty("result").EnumerateArray().ToList();
        var formula = fields.Single(f => f.GetProperty("dataType").GetString() == "formula");
        Assert.That(formula.TryGetProperty("rest", out _), Is.False);
        var company = fields.Single(f => f.GetProperty("id").GetInt32() == 2);
        Assert.That(company.GetProperty("rest").GetProperty("name").GetString(), Is.EqualTo("company"));
        Assert.That(company.GetProperty("length").GetInt32(), Is.EqualTo(255));
        string[] types = ["string", "text", "email", "phone", "url", "integer", "float", "currency", "percent", "score", "boolean", "date", "datetime", "reference"];
        Assert.That(fields.Select(f => f.GetProperty("dataType").GetString()), Is.SupersetOf(types));
    }

    [Test]
    public async Task Describe2_OneObjectWithRestFieldsOnly()
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.GetAsync(EmulatorEndpoints.DescribeLeads2);

        var describe = EmulatorHarness.Result(response);
        Assert.That(response.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(1));
        Assert.That(describe.GetProperty("name").GetString(), Is.EqualTo("API Lead"));
        Assert.That(describe.GetProperty("searchableFields")[0][0].GetString(), Is.EqualTo("email"));
        var names = describe.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.That(names, Does.Contain("favoriteColor__c").And.Contain("leadScoreBoost__c"));
        Assert.That(names, Has.Count.EqualTo(harness.Emulator.Dataset.LeadFields.Count(f => f.RestName is not null)));
    }

    [Test]
    public async Task ActivityTypes_StandardAndCustom()
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        var types = response.RootElement.GetProperty("result").EnumerateArray().ToList();
        var fillOutForm = types.Single(t => t.GetProperty("id").GetInt32() == 2);
        Assert.That(fillOutForm.GetProperty("name").GetString(), Is.EqualTo("Fill Out Form"));
        Assert.That(fillOutForm.GetProperty("primaryAttribute").GetProperty("name").GetString(), Is.EqualTo("Webform ID"));
        Assert.That(fillOutForm.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("name").GetString()),
            Does.Contain("Client IP Address").And.Contain("Query Parameters"));
        Assert.That(types.Any(t => t.GetProperty("id").GetInt32() == 37), Is.True);
        var custom = types.Where(t => t.GetProperty("id").GetInt32() >= 100000).ToList();
        Assert.That(custom, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(custom[0].GetProperty("apiName").GetString(), Does.EndWith("_c"));
        Assert.That(custom[0].GetProperty("attributes")[0].GetProperty("apiName").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task DeletedLeads_PageUntilNow_ResultLeftOutWhenEmpty()
    {
        await using var harness = EmulatorHarness.Create();
        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime={EmulatorHarness.Start.AddDays(-30):yyyy-MM-ddTHH:mm:ssZ}");
        string token = paging.RootElement.GetProperty("nextPageToken").GetString()!;
        var ids = new List<long>();
        bool more;

        do
        {
            using var page = await harness.GetAsync($"{EmulatorEndpoints.DeletedLeads}?nextPageToken={token}");
            Assert.That(page.RootElement.TryGetProperty("nextPageToken", out var next), Is.True, "every page carries a token");
            token = next.GetString()!;
            more = page.RootElement.GetProperty("moreResult").GetBoolean();
            ids.AddRange(page.RootElement.GetProperty("result").EnumerateArray().Select(a => a.GetProperty("primaryAttributeValueId").GetInt64()));
        }
        while (more);

        using var caughtUp = await harness.GetAsync($"{EmulatorEndpoints.DeletedLeads}?nextPageToken={token}");

        Assert.That(paging.RootElement.TryGetProperty("result", out _), Is.False);
        Assert.That(ids, Is.EqualTo(harness.Emulator.Dataset.DeletedLeads.Select(d => d.LeadId)));
        Assert.That(caughtUp.RootElement.TryGetProperty("result", out _), Is.False, "an empty page leaves result out");
        Assert.That(caughtUp.RootElement.GetProperty("moreResult").GetBoolean(), Is.False);
        Assert.That(caughtUp.RootElement.GetProperty("nextPageToken").GetString(), Is.EqualTo(token));
    }

    [Test]
    public async Task Activities_BackfillFrom2010_FewCallsWithShortPages()
    {
        await using var harness = EmulatorHarness.Create();
        int[] typeIds = [1, 2, 6, 7, 10, 11, 13, 22];
        var expected = harness.Emulator.Dataset.Activities.Where(a => typeIds.Contains(a.ActivityTypeId)).Select(a => a.Id).ToList();
        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime=2010-01-01T00:00:00Z");
        string token = paging.RootElement.GetProperty("nextPageToken").GetString()!;
        var ids = new List<long>();
        int calls = 0;
        bool sawShortPageWithMore = false;
        bool more;

        do
        {
            using var page = await harness.GetAsync($"{EmulatorEndpoints.Activities}?activityTypeIds={string.Join(',', typeIds)}&nextPageToken={token}");
            calls++;
            token = page.RootElement.GetProperty("nextPageToken").GetString()!;
            more = page.RootElement.GetProperty("moreResult").GetBoolean();
            var result = page.RootElement.GetProperty("result");
            ids.AddRange(result.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
            sawShortPageWithMore |= more && result.GetArrayLength() < 300;
        }
        while (more && calls < 1000);

        // The 60 days of data span 9 one-week slices; a slice with more than 300 matches takes one call more.
        int maxCalls = 9 + 1 + (expected.Count / 300);
        Assert.That(ids, Is.EqualTo(expected));
        Assert.That(calls, Is.LessThanOrEqualTo(maxCalls));
        Assert.That(sawShortPageWithMore, Is.True, "a page can be short and still report moreResult");
    }

    [Test]
    public async Task Activities_TypeFilter_ReturnsTypedAttributes()
    {
        await using var harness = EmulatorHarness.Create();
        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime={harness.Emulator.Dataset.Start:yyyy-MM-ddTHH:mm:ssZ}");
        string token = paging.RootElement.GetProperty("nextPageToken").GetString()!;

        using var page = await harness.GetAsync($"{EmulatorEndpoints.Activities}?activityTypeIds=10&nextPageToken={token}");

        var activities = page.RootElement.GetProperty("result").EnumerateArray().ToList();
        Assert.That(activities, Is.Not.Empty);
        Assert.That(activities.Select(a => a.GetProperty("activityTypeId").GetInt32()), Is.All.EqualTo(10));
        var attribute = activities.SelectMany(a => a.GetProperty("attributes").EnumerateArray())
            .First(a => a.GetProperty("name").GetString() == "Is Mobile Device");
        Assert.That(attribute.GetProperty("value").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False));
    }

    [Test]
    public async Task Activities_AssetIds_FilterOnPrimaryAttributeValueId()
    {
        await using var harness = EmulatorHarness.Create();
        var dataset = harness.Emulator.Dataset;
        var typed = dataset.Activities.Where(a => a.ActivityTypeId == 10 && a.PrimaryAttributeValueId is not null).ToList();
        long assetId = typed.GroupBy(a => a.PrimaryAttributeValueId!.Value).OrderByDescending(g => g.Count()).First().Key;
        var expected = typed.Where(a => a.PrimaryAttributeValueId == assetId).Select(a => a.MarketoGuid).ToList();
        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime={dataset.Start:yyyy-MM-ddTHH:mm:ssZ}");
        string token = paging.RootElement.GetProperty("nextPageToken").GetString()!;
        var guids = new List<string>();
        bool more;

        do
        {
            using var page = await harness.GetAsync($"{EmulatorEndpoints.Activities}?activityTypeIds=10&assetIds={assetId}&nextPageToken={token}");
            token = page.RootElement.GetProperty("nextPageToken").GetString()!;
            more = page.RootElement.GetProperty("moreResult").GetBoolean();
            if (page.RootElement.TryGetProperty("result", out var result))
            {
                guids.AddRange(result.EnumerateArray().Select(a => a.GetProperty("marketoGUID").GetString()!));
            }
        }
        while (more);

        Assert.That(expected, Has.Count.GreaterThan(1), "the dataset needs an asset with several activities");
        Assert.That(guids, Is.EqualTo(expected));
    }

    [Test]
    public async Task Activities_AssetIdsWithTwoTypes_Rejected1003()
    {
        await using var harness = EmulatorHarness.Create();
        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime=2024-01-01T00:00:00Z");
        string token = paging.RootElement.GetProperty("nextPageToken").GetString()!;

        using var response = await harness.GetAsync($"{EmulatorEndpoints.Activities}?activityTypeIds=24,25&assetIds=1&nextPageToken={token}");

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("1003"));
        Assert.That(EmulatorHarness.ErrorMessage(response), Does.Contain("exactly one activity type id"));
    }

    [Test]
    public async Task Activities_ElevenTypeIds_Rejected1003()
    {
        await using var harness = EmulatorHarness.Create();
        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime=2024-01-01T00:00:00Z");
        string token = paging.RootElement.GetProperty("nextPageToken").GetString()!;

        using var response = await harness.GetAsync($"{EmulatorEndpoints.Activities}?activityTypeIds=1,2,3,6,7,8,9,10,11,12,13&nextPageToken={token}");

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("1003"));
    }

    [Test]
    public async Task Usage_CountsTodaysCallsPerUser()
    {
        await using var harness = EmulatorHarness.Create();
        using (await harness.GetAsync(EmulatorEndpoints.ActivityTypes))
        {
        }

        using var usage = await harness.GetAsync(EmulatorEndpoints.Usage);

        var today = EmulatorHarness.Result(usage);
        Assert.That(today.GetProperty("date").GetString(), Is.EqualTo("2024-06-01"));
        Assert.That(today.GetProperty("total").GetInt64(), Is.EqualTo(2));
        Assert.That(today.GetProperty("users")[0].GetProperty("userId").GetString(), Is.EqualTo(MarketoEmulatorOptions.DefaultApiUser));
    }
}
