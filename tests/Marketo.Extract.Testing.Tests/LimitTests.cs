using System.Net;
using System.Text;
using System.Text.Json;

namespace Marketo.Extract.Testing.Tests;

public sealed class LimitTests
{
    [Test]
    public async Task RateLimit_101stCallIn20Seconds_Gets606ThenRecovers()
    {
        await using var harness = EmulatorHarness.Create();
        for (int i = 0; i < 100; i++)
        {
            using var allowed = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
            Assert.That(allowed.RootElement.GetProperty("success").GetBoolean(), Is.True, $"call {i + 1}");
        }

        using var rejected = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        using var recovered = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        Assert.That(EmulatorHarness.ErrorCode(rejected), Is.EqualTo("606"));
        Assert.That(EmulatorHarness.ErrorMessage(rejected), Is.EqualTo("Max rate limit '100' exceeded with in '20' secs"));
        Assert.That(recovered.RootElement.GetProperty("success").GetBoolean(), Is.True);
    }

    [Test]
    public async Task RateLimit_IdentityAnd601CallsNotCounted()
    {
        await using var harness = EmulatorHarness.Create(o => o.RateLimitCalls = 2);
        for (int i = 0; i < 5; i++)
        {
            using (await harness.Http.GetAsync(EmulatorHarness.IdentityPath()))
            {
            }

            using (await harness.Http.GetAsync(EmulatorEndpoints.ActivityTypes + "?access_token=x"))
            {
            }
        }

        using var first = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        using var second = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        using var third = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        Assert.That(first.RootElement.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(second.RootElement.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(EmulatorHarness.ErrorCode(third), Is.EqualTo("606"));
    }

    [Test]
    public async Task Concurrency_11thCallInFlight_Gets615()
    {
        await using var harness = EmulatorHarness.Create();
        await harness.AuthenticateAsync();
        harness.Emulator.Faults.Delay(TimeSpan.FromSeconds(5), times: 10);
        var held = Enumerable.Range(0, 10).Select(_ => harness.GetAsync(EmulatorEndpoints.ActivityTypes)).ToList();
        while (harness.Emulator.Statistics.CallsInFlight < 10)
        {
            await Task.Delay(5);
        }

        using var rejected = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        var all = Task.WhenAll(held);
        await EmulatorHarness.AdvanceUntilAsync(harness.Time, TimeSpan.FromSeconds(5), all);
        var released = await all;

        Assert.That(EmulatorHarness.ErrorCode(rejected), Is.EqualTo("615"));
        Assert.That(EmulatorHarness.ErrorMessage(rejected), Is.EqualTo("Concurrent access limit reached"));
        Assert.That(released.Select(r => r.RootElement.GetProperty("success").GetBoolean()), Is.All.True);
        Assert.That(harness.Emulator.Statistics.MaxConcurrentCalls, Is.EqualTo(11));
        foreach (var document in released)
        {
            document.Dispose();
        }
    }

    [Test]
    public async Task DailyQuota_Exhausted_Gets607UntilChicagoMidnight()
    {
        await using var harness = EmulatorHarness.Create(o => o.DailyCallQuota = 3);
        for (int i = 0; i < 3; i++)
        {
            using (await harness.GetAsync(EmulatorEndpoints.ActivityTypes))
            {
            }
        }

        using var rejected = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        // The clock starts at 12:00 UTC, 07:00 in Chicago (CDT); Chicago midnight is 05:00 UTC the next day.
        harness.Time.Advance(TimeSpan.FromHours(16.9));
        using var stillRejected = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        harness.Time.Advance(TimeSpan.FromHours(0.2));
        using var nextDay = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        Assert.That(EmulatorHarness.ErrorCode(rejected), Is.EqualTo("607"));
        Assert.That(EmulatorHarness.ErrorCode(stillRejected), Is.EqualTo("602").Or.EqualTo("607"));
        Assert.That(EmulatorHarness.ErrorCode(nextDay), Is.Not.EqualTo("607"));
    }

    [Test]
    public async Task Uri_Over8192Bytes_Gets414()
    {
        await using var harness = EmulatorHarness.Create();
        string name = new('a', 8200);

        using var response = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{EmulatorEndpoints.Campaigns}?name={name}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestUriTooLong));
    }

    [Test]
    public async Task Body_Over1Megabyte_Gets413()
    {
        await using var harness = EmulatorHarness.Create();
        string body = "{\"fields\":[\"" + new string('a', 1024 * 1024) + "\"]}";
        using var request = new HttpRequestMessage(HttpMethod.Post, EmulatorEndpoints.LeadExportCreate)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        using var response = await harness.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task MethodOverride_PostWithFormBody_ServedAsGet()
    {
        await using var harness = EmulatorHarness.Create();
        long id = harness.Emulator.Dataset.Campaigns[5].Id;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{EmulatorEndpoints.Campaigns}?_method=GET")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        };

        using var response = await EmulatorHarness.ReadJsonAsync(await harness.SendAsync(request));

        Assert.That(response.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(1));
        Assert.That(EmulatorHarness.Result(response).GetProperty("id").GetInt64(), Is.EqualTo(id));
    }

    [Test]
    public async Task Post_OnGetEndpoint_Gets605()
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.PostAsync(EmulatorEndpoints.Campaigns);

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("605"));
    }

    [Test]
    public async Task Gzip_LargeJsonCompressed_SmallAndBulkNot()
    {
        await using var harness = EmulatorHarness.Create();
        await harness.AuthenticateAsync();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(EmulatorHarness.Start.AddDays(-30), EmulatorHarness.Start));

        using var large = await GzipRequestAsync(harness, EmulatorEndpoints.Campaigns);
        using var small = await GzipRequestAsync(harness, EmulatorEndpoints.Usage);
        using var file = await GzipRequestAsync(harness, $"/bulk/v1/leads/export/{id}/file.json");

        Assert.That(large.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
        Assert.That(small.Content.Headers.ContentEncoding, Is.Empty);
        Assert.That(file.Content.Headers.ContentEncoding, Is.Empty);
        Assert.That(file.Content.Headers.ContentLength, Is.GreaterThan(1024));
        await using var unzipped = new System.IO.Compression.GZipStream(await large.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var json = await JsonDocument.ParseAsync(unzipped);
        Assert.That(json.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(300));
    }

    [TestCase("gzip", true)]
    [TestCase("GZIP;q=0.5", true)]
    [TestCase("*", true)]
    [TestCase("gzip;q=0", false)]
    [TestCase("gzip;q=0.000", false)]
    [TestCase("*;q=0", false)]
    [TestCase("gzip;q=0, *", false)]
    [TestCase("*;q=0, gzip;q=1", true)]
    [TestCase("br, deflate", false)]
    [TestCase("identity", false)]
    public async Task Gzip_AcceptEncodingQuality_Honoured(string acceptEncoding, bool compressed)
    {
        await using var harness = EmulatorHarness.Create();
        var request = new HttpRequestMessage(HttpMethod.Get, EmulatorEndpoints.Campaigns);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await harness.SendAsync(request);

        Assert.That(response.Content.Headers.ContentEncoding.Contains("gzip"), Is.EqualTo(compressed));
    }

    [Test]
    public async Task UnknownPath_Gets610()
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.GetAsync("/rest/v1/nothing.json");

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("610"));
    }

    private static async Task<HttpResponseMessage> GzipRequestAsync(EmulatorHarness harness, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        return await harness.SendAsync(request);
    }
}
