using System.Text;

namespace Marketo.Extract.Testing.Tests;

/// <summary>Request bodies and parameters that a careless or hostile client sends: each gets a Marketo error, never HTTP 500.</summary>
public sealed class InvalidInputTests
{
    private const string Window = """{"startAt":"2024-05-01T00:00:00Z","endAt":"2024-05-02T00:00:00Z"}""";

    [TestCase(EmulatorEndpoints.LeadExportCreate, """{"fields":["\ud800"],"filter":{"createdAt":""" + Window + "}}")]
    [TestCase(EmulatorEndpoints.LeadExportCreate, """{"fields":["id"],"filter":{"\ud800":1}}""")]
    [TestCase(EmulatorEndpoints.LeadExportCreate, """{"fields":["id"],"filter":{"staticListName":"a\udc00b"}}""")]
    [TestCase(EmulatorEndpoints.LeadExportCreate, """{"fields":["id"],"columnHeaderNames":{"id":"\ud800"},"filter":{"createdAt":""" + Window + "}}")]
    [TestCase(EmulatorEndpoints.LeadExportCreate, """{"fields":["id"],"format":"\ud800","filter":{"createdAt":""" + Window + "}}")]
    [TestCase(EmulatorEndpoints.ActivityExportCreate, """{"fields":["\ud800"],"filter":{"createdAt":""" + Window + "}}")]
    public async Task Create_LoneSurrogate_609InvalidJson(string path, string body)
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.PostJsonAsync(path, body);

        Assert.That(response.RootElement.GetProperty("success").GetBoolean(), Is.False);
        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("609"));
        Assert.That(EmulatorHarness.ErrorMessage(response), Does.StartWith("Invalid JSON"));
    }

    [Test]
    public async Task Create_InvalidUtf8Bytes_609InvalidJson()
    {
        await using var harness = EmulatorHarness.Create();
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"fields":["id"],"format":"C"""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(
            "\",\"filter\":{\"createdAt\":" + Window + "}}")];

        using var response = await harness.PostJsonBytesAsync(EmulatorEndpoints.LeadExportCreate, body);

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("609"));
    }

    [TestCase("9999-12-31T00:00:00Z", EmulatorEndpoints.DeletedLeads)]
    [TestCase("9999-12-31T23:59:59Z", EmulatorEndpoints.DeletedLeads)]
    [TestCase("9999-12-31T00:00:00Z", EmulatorEndpoints.Activities + "?activityTypeIds=1")]
    public async Task ActivityPaging_SinceAtEndOfTime_EmptyLastPage(string since, string path)
    {
        await using var harness = EmulatorHarness.Create();
        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime={since}");
        string token = paging.RootElement.GetProperty("nextPageToken").GetString()!;
        string separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";

        using var page = await harness.GetAsync($"{path}{separator}nextPageToken={token}");

        Assert.That(page.RootElement.GetProperty("success").GetBoolean(), Is.True, page.RootElement.GetRawText());
        Assert.That(page.RootElement.GetProperty("moreResult").GetBoolean(), Is.False);
        Assert.That(page.RootElement.TryGetProperty("result", out _), Is.False);
        Assert.That(page.RootElement.GetProperty("nextPageToken").GetString(), Is.Not.Empty);
    }

    [TestCase("0001-01-01T00:00:00+14:00")]
    [TestCase("10000-01-01T00:00:00Z")]
    public async Task PagingToken_SinceOutOfRange_1003(string since)
    {
        await using var harness = EmulatorHarness.Create();

        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime={Uri.EscapeDataString(since)}");

        Assert.That(EmulatorHarness.ErrorCode(paging), Is.EqualTo("1003"));
    }

    [TestCase("4294967298")]
    [TestCase("-4294967294")]
    [TestCase("9223372036854775807")]
    [TestCase("999")]
    public async Task CreateActivities_UnknownTypeId_1003(string typeId)
    {
        await using var harness = EmulatorHarness.Create();
        string body = "{\"filter\":{\"createdAt\":" + Window + ",\"activityTypeIds\":[" + typeId + "]}}";

        using var response = await harness.PostJsonAsync(EmulatorEndpoints.ActivityExportCreate, body);

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("1003"), response.RootElement.GetRawText());
        Assert.That(EmulatorHarness.ErrorMessage(response), Is.EqualTo($"Invalid activity type id {typeId}"));
    }

    [TestCase("updatedAt")]
    [TestCase("staticListId")]
    [TestCase("leadIds")]
    public async Task CreateActivities_UnknownFilterMember_1003(string member)
    {
        await using var harness = EmulatorHarness.Create();
        string body = "{\"filter\":{\"createdAt\":" + Window + ",\"" + member + "\":[1]}}";

        using var response = await harness.PostJsonAsync(EmulatorEndpoints.ActivityExportCreate, body);

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("1003"), response.RootElement.GetRawText());
        Assert.That(EmulatorHarness.ErrorMessage(response), Does.StartWith($"Invalid filter '{member}'"));
    }

    [TestCase(EmulatorEndpoints.Campaigns + "?id=abc", "id")]
    [TestCase(EmulatorEndpoints.Campaigns + "?id=1001,x", "id")]
    [TestCase(EmulatorEndpoints.StaticLists + "?id=abc", "id")]
    [TestCase(EmulatorEndpoints.Activities + "?activityTypeIds=abc", "activityTypeIds")]
    [TestCase(EmulatorEndpoints.Activities + "?activityTypeIds=1&leadIds=abc", "leadIds")]
    [TestCase(EmulatorEndpoints.Activities + "?activityTypeIds=1&assetIds=abc", "assetIds")]
    [TestCase(EmulatorEndpoints.Activities + "?activityTypeIds=1&listId=abc", "listId")]
    public async Task Read_NonNumericId_1003(string pathAndQuery, string parameter)
    {
        await using var harness = EmulatorHarness.Create();
        using var paging = await harness.GetAsync($"{EmulatorEndpoints.PagingToken}?sinceDatetime=2024-05-01T00:00:00Z");
        string token = paging.RootElement.GetProperty("nextPageToken").GetString()!;

        using var response = await harness.GetAsync($"{pathAndQuery}&nextPageToken={token}");

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("1003"), response.RootElement.GetRawText());
        Assert.That(EmulatorHarness.ErrorMessage(response), Does.StartWith($"Invalid {parameter} '"));
    }
}
