using System.Net;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientErrorTests : MarketoClientTestBase
{
    private const string TypesPath = "/rest/v1/activities/types.json";

    [TestCase("502", "Bad Gateway")]
    [TestCase("604", "Request timed out")]
    [TestCase("606", "Max rate limit '100' exceeded with in '20' secs")]
    [TestCase("608", "API Temporarily Unavailable")]
    [TestCase("611", "System error")]
    [TestCase("614", "Invalid Subscription")]
    [TestCase("615", "Concurrent access limit reached")]
    [TestCase("713", "Transient Error")]
    [TestCase("719", "Lock wait timeout exception")]
    public async Task TransientCode_IsRetriedThenSucceeds(string code, string message)
    {
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error(code, message));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        var types = await Harness.RunAsync(client.GetActivityTypesAsync());

        Assert.That(types, Has.Count.EqualTo(3));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(2));
        Assert.That(client.Statistics.Retries, Is.EqualTo(1));
        Assert.That(Harness.Logger.Entries.Any(entry => entry.EventId.Name == "RetryScheduled" && entry.Message.Contains(code)), Is.True);
    }

    [Test]
    public async Task RateLimitCode606_WaitsAtLeastTwentySecondsBeforeRetry()
    {
        Harness.Expect(HttpMethod.Get, TypesPath)
            .Respond("application/json", Fixtures.Error("606", "Max rate limit '100' exceeded with in '20' secs"));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        await Harness.RunAsync(client.GetActivityTypesAsync());

        var calls = Harness.ApiRequests;
        Assert.That(calls[1].SentAt - calls[0].SentAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(20)));
    }

    [Test]
    public async Task OtherTransientCode_WaitsOnlyTheBackoffDelay()
    {
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error("604", "Request timed out"));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        await Harness.RunAsync(client.GetActivityTypesAsync());

        var calls = Harness.ApiRequests;
        Assert.That(calls[1].SentAt - calls[0].SentAt, Is.LessThan(TimeSpan.FromSeconds(20)));
    }

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task HttpServerError_IsRetriedThenSucceeds(HttpStatusCode status)
    {
        Harness.Expect(HttpMethod.Get, TypesPath).Respond(status, "text/html", Fixtures.Read("proxy-error.html"));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        var types = await Harness.RunAsync(client.GetActivityTypesAsync());

        Assert.That(types, Has.Count.EqualTo(3));
        Assert.That(client.Statistics.Retries, Is.EqualTo(1));
    }

    [Test]
    public async Task ConnectionReset_IsRetriedThenSucceeds()
    {
        Harness.Expect(HttpMethod.Get, TypesPath)
            .Throw(new HttpRequestException("Connection reset by peer", new IOException("reset")));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        var types = await Harness.RunAsync(client.GetActivityTypesAsync());

        Assert.That(types, Has.Count.EqualTo(3));
        Assert.That(client.Statistics.Retries, Is.EqualTo(1));
    }

    [Test]
    public async Task AttemptTimeout_IsRetriedThenSucceeds()
    {
        var never = new TaskCompletionSource<HttpResponseMessage>();
        Harness.Expect(HttpMethod.Get, TypesPath).Respond(() => never.Task);
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient(options => options.RequestTimeout = TimeSpan.FromSeconds(30));

        var types = await Harness.RunAsync(client.GetActivityTypesAsync());

        var calls = Harness.ApiRequests;
        Assert.That(types, Has.Count.EqualTo(3));
        Assert.That(calls[1].SentAt - calls[0].SentAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void AttemptTimeout_EveryAttempt_ThrowsMarketoExceptionNamingTheTimeout()
    {
        var never = new TaskCompletionSource<HttpResponseMessage>();
        Harness.When(HttpMethod.Get, TypesPath).Respond(() => never.Task);
        var client = Harness.CreateClient(options =>
        {
            options.RequestTimeout = TimeSpan.FromSeconds(10);
            options.MaxRetryAttempts = 1;
        });

        var exception = Assert.ThrowsAsync<MarketoException>(() => Harness.RunAsync(client.GetActivityTypesAsync()));

        Assert.That(exception.Message, Does.Contain("GET " + TypesPath));
        Assert.That(exception.Message, Does.Contain("did not complete within the request timeout of 00:00:10"));
        Assert.That(exception.InnerException, Is.InstanceOf<TimeoutException>());
    }

    [Test]
    public void CallerCancellation_IsNotTurnedIntoATimeout()
    {
        var never = new TaskCompletionSource<HttpResponseMessage>();
        Harness.When(HttpMethod.Get, TypesPath).Respond(() => never.Task);
        var client = Harness.CreateClient();
        using var cancellation = new CancellationTokenSource();

        var call = client.GetActivityTypesAsync(cancellation.Token);
        cancellation.Cancel();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(client.Statistics.Retries, Is.Zero);
    }

    [Test]
    public void DailyQuota607_ThrowsQuotaExceeded_ResettingAtNextMidnightInChicago()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error("607", "Daily quota reached"));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoQuotaExceededException>(() => client.GetActivityTypesAsync());

        // 12:00 UTC on 10 July is 07:00 CDT (UTC-5), so the next Chicago midnight is 05:00 UTC on 11 July.
        Assert.That(exception.Quota, Is.EqualTo(MarketoQuotaKind.DailyApiCalls));
        Assert.That(exception.ResetsAt, Is.EqualTo(new DateTimeOffset(2024, 7, 11, 5, 0, 0, TimeSpan.Zero)));
        Assert.That(exception.ErrorCode, Is.EqualTo("607"));
        Assert.That(exception.Message, Does.Contain("resets at 2024-07-11 05:00:00Z"));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(1));
        Assert.That(Harness.Logger.Entries.Any(entry => entry.Level == LogLevel.Warning && entry.EventId.Name == "QuotaExceeded"), Is.True);
    }

    [Test]
    public void DailyQuota607_InWinter_ResetsAtSixUtc()
    {
        using var winterHarness = new MarketoClientHarness(new DateTimeOffset(2024, 1, 10, 3, 0, 0, TimeSpan.Zero));
        winterHarness.RespondWithToken();
        winterHarness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error("607", "Daily quota reached"));
        var client = winterHarness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoQuotaExceededException>(() => client.GetActivityTypesAsync());

        // 03:00 UTC on 10 January is 21:00 CST (UTC-6) on 9 January, so the quota resets at 06:00 UTC on 10 January.
        Assert.That(exception.ResetsAt, Is.EqualTo(new DateTimeOffset(2024, 1, 10, 6, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("603", "Access denied")]
    [TestCase("605", "HTTP Method not supported")]
    [TestCase("609", "Invalid JSON")]
    [TestCase("610", "Requested resource not found")]
    [TestCase("1003", "Invalid data")]
    [TestCase("1006", "Field 'foo' not found")]
    [TestCase("709", "Business rule violation")]
    public void FailFastCode_ThrowsAfterOneAttempt_WithCodeAndRequestId(string code, string message)
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error(code, message));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.GetType(), Is.EqualTo(typeof(MarketoException)));
        Assert.That(exception.ErrorCode, Is.EqualTo(code));
        Assert.That(exception.MarketoMessage, Is.EqualTo(message));
        Assert.That(exception.RequestId, Is.EqualTo("e42b#14272d07d78"));
        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(exception.Message, Does.Contain($"GET {TypesPath} failed: Marketo returned error {code} '{message}'"));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(1));
        Assert.That(client.Statistics.Retries, Is.Zero);
    }

    [Test]
    public void TransientCode_EveryAttempt_ThrowsWithAttemptCount()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error("611", "System error"));
        var client = Harness.CreateClient(options => options.MaxRetryAttempts = 2);

        var exception = Assert.ThrowsAsync<MarketoException>(() => Harness.RunAsync(client.GetActivityTypesAsync()));

        Assert.That(exception.ErrorCode, Is.EqualTo("611"));
        Assert.That(exception.Message, Does.Contain("after 3 attempts"));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(3));
        Assert.That(client.Statistics.Retries, Is.EqualTo(2));
    }

    [Test]
    public void NumericErrorCode_IsReadAsString()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("error-envelope-numeric-code.json"));
        var client = Harness.CreateClient(options => options.MaxRetryAttempts = 0);

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.ErrorCode, Is.EqualTo("604"));
        Assert.That(exception.RequestId, Is.EqualTo("a1b2#18f3c"));
    }

    [Test]
    public void HtmlBodyWithHttp200_ThrowsWithShortExcerpt_WithoutRetry()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond(HttpStatusCode.OK, "text/html", Fixtures.Read("proxy-error.html"));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(exception.Message, Does.Contain("text/html"));
        Assert.That(exception.Message, Does.Contain("<title>502 Bad Gateway</title>"));
        Assert.That(exception.Message, Does.Not.Contain("\n"));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(1));
    }

    [Test]
    public void LongNonJsonBody_IsCutToTwoHundredCharacters()
    {
        var body = "<html>" + new string('x', 5000) + "</html>";
        Harness.When(HttpMethod.Get, TypesPath).Respond(HttpStatusCode.OK, "text/html", body);
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetActivityTypesAsync());

        var excerpt = exception.Message[(exception.Message.IndexOf("Body: '", StringComparison.Ordinal) + 7)..];
        excerpt = excerpt[..excerpt.IndexOf('\'', StringComparison.Ordinal)];
        Assert.That(excerpt, Has.Length.EqualTo(201));
        Assert.That(excerpt, Does.EndWith("…"));
    }

    [Test]
    public void TruncatedJson_ThrowsMarketoException()
    {
        Harness.When(HttpMethod.Get, TypesPath)
            .Respond("application/json", """{"requestId":"7#1","success":true,"result":[{"id":2,"name":"Fill Out""");
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.Message, Does.Contain("is not the JSON that Marketo sends"));
        Assert.That(exception.Message, Does.Contain("{\"requestId\":\"7#1\""));
        Assert.That(exception.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
    }

    [Test]
    public void JsonWithoutEnvelope_ThrowsMarketoException()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", """{"message":"hello from a proxy"}""");
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.Message, Does.Contain("no 'success' member"));
    }

    [Test]
    public void ClientErrorStatusWithHtml_FailsFast()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond(HttpStatusCode.RequestUriTooLong, "text/html", "<h1>414 URI Too Long</h1>");
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.RequestUriTooLong));
        Assert.That(exception.Message, Does.Contain("HTTP 414"));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task MissingResult_ReadsAsEmptyList()
    {
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", """{"requestId":"5#1","success":true}""");
        var client = Harness.CreateClient();

        var types = await client.GetActivityTypesAsync();

        Assert.That(types, Is.Empty);
    }

    [Test]
    public async Task GzipBody_IsDecodedWhenTheHandlerDoesNot()
    {
        var json = System.Text.Encoding.UTF8.GetBytes(Fixtures.Read("activity-types.json"));
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(json);
        }

        Harness.When(HttpMethod.Get, TypesPath).Respond(_ =>
        {
            var content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            content.Headers.ContentEncoding.Add("gzip");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var client = Harness.CreateClient();

        var types = await client.GetActivityTypesAsync();

        Assert.That(types, Has.Count.EqualTo(3));
        Assert.That(Harness.ApiRequests.Single().Headers, Does.Contain("Accept-Encoding: gzip"));
    }
}
