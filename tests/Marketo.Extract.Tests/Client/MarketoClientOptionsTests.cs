using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientOptionsTests
{
    [Test]
    public void Defaults_AreDocumentedValues()
    {
        var options = new MarketoClientOptions();

        Assert.That(options.TokenRefreshMargin, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(options.MaxCallsPerWindow, Is.EqualTo(80));
        Assert.That(options.RateLimitWindow, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(options.MaxConcurrentCalls, Is.EqualTo(5));
        Assert.That(options.DailyCallBudget, Is.Null);
        Assert.That(options.MaxRetryAttempts, Is.EqualTo(5));
        Assert.That(options.RetryBaseDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(options.RetryMaxDelay, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(options.RateLimitRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(options.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(100)));
        Assert.That(options.AllowInsecureHttp, Is.False);
    }

    [TestCase("ftp://x", "MarketoClientOptions.BaseAddress 'ftp://x' is invalid: use the https REST endpoint from Admin > Web Services, such as https://123-ABC-456.mktorest.com.")]
    [TestCase("/rest", "MarketoClientOptions.BaseAddress '/rest' is invalid: it must be an absolute URL")]
    [TestCase("http://123-abc-456.mktorest.com", "plain http would send the client secret and the access token unencrypted")]
    [TestCase("https://123-abc-456.mktorest.com/rest?x=1", "must not carry user info, a query or a fragment")]
    [TestCase("https://123-abc-456.mktorest.com/rest/v1", "without an API version such as /v1")]
    public void Constructor_InvalidBaseAddress_ThrowsNamingValueAndRule(string address, string expected)
    {
        var options = ValidOptions();
        options.BaseAddress = new Uri(address, UriKind.RelativeOrAbsolute);

        var exception = Assert.Throws<ArgumentException>(() => new MarketoClient(options));

        Assert.That(exception.Message, Does.Contain(expected));
        Assert.That(exception.ParamName, Is.EqualTo("options"));
    }

    [Test]
    public void Constructor_MissingEverything_ListsEveryProblem_WithoutSecret()
    {
        var options = new MarketoClientOptions
        {
            ClientSecret = " ",
            MaxCallsPerWindow = 0,
            MaxConcurrentCalls = -1,
            DailyCallBudget = 0,
            MaxRetryAttempts = -2,
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.FromSeconds(-1),
            RateLimitRetryDelay = TimeSpan.FromSeconds(-1),
            TokenRefreshMargin = TimeSpan.FromHours(1),
            RequestTimeout = TimeSpan.Zero,
            RateLimitWindow = TimeSpan.Zero,
        };

        var exception = Assert.Throws<ArgumentException>(() => new MarketoClient(options));

        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.BaseAddress is missing"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.ClientId is missing"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.ClientSecret is missing"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.MaxCallsPerWindow '0' is invalid: it must be positive."));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.MaxConcurrentCalls '-1' is invalid"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.DailyCallBudget '0' is invalid: it must be positive or null for no budget."));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.MaxRetryAttempts '-2' is invalid"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.RetryBaseDelay '00:00:00' is invalid"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.RetryMaxDelay '-00:00:01' is invalid"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.RateLimitRetryDelay '-00:00:01' is invalid"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.TokenRefreshMargin '01:00:00' is invalid"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.RequestTimeout '00:00:00' is invalid"));
        Assert.That(exception.Message, Does.Contain("MarketoClientOptions.RateLimitWindow '00:00:00' is invalid"));
    }

    [Test]
    public void Constructor_PlainHttpToLoopback_IsAllowed()
    {
        var options = ValidOptions();
        options.BaseAddress = new Uri("http://127.0.0.1:5080");

        using var client = new MarketoClient(options);

        Assert.That(client.Statistics.ApiCalls, Is.Zero);
    }

    [Test]
    public void Constructor_PlainHttpWithAllowInsecureHttp_IsAllowed()
    {
        var options = ValidOptions();
        options.BaseAddress = new Uri("http://marketo-emulator.test");
        options.AllowInsecureHttp = true;

        Assert.DoesNotThrow(() => new MarketoClient(options).Dispose());
    }

    [Test]
    public void Constructor_InfiniteRequestTimeout_IsAllowed()
    {
        var options = ValidOptions();
        options.RequestTimeout = Timeout.InfiniteTimeSpan;

        Assert.DoesNotThrow(() => new MarketoClient(options).Dispose());
    }

    [Test]
    public void Constructor_NullHttpClient_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new MarketoClient(null!, ValidOptions()));
    }

    [Test]
    public void ToString_RedactsSecret()
    {
        var options = ValidOptions();

        var text = options.ToString();

        Assert.That(text, Does.Contain("ClientSecret = ***"));
        Assert.That(text, Does.Not.Contain("s3cret"));
        Assert.That(text, Does.Contain("ClientId = id"));
    }

    [TestCase("https://123-abc-456.mktorest.com")]
    [TestCase("https://123-abc-456.mktorest.com/")]
    [TestCase("https://123-abc-456.mktorest.com/rest")]
    [TestCase("https://123-abc-456.mktorest.com/rest/")]
    public async Task BaseAddress_TrailingSlashOrRest_BuildsTheSameUrls(string address)
    {
        using var harness = new MarketoClientHarness();
        harness.RespondWithToken();
        harness.When(HttpMethod.Get, "/rest/v1/activities/types.json").Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = harness.CreateClient(options => options.BaseAddress = new Uri(address));

        await client.GetActivityTypesAsync();

        Assert.That(harness.IdentityRequests.Single().Uri.ToString(), Is.EqualTo(MarketoClientHarness.IdentityUrl));
        Assert.That(harness.ApiRequests.Single().Uri.ToString(), Is.EqualTo(MarketoClientHarness.BaseUrl + "/rest/v1/activities/types.json"));
    }

    [Test]
    public async Task Options_ChangedAfterConstruction_DoNotAffectTheClient()
    {
        using var harness = new MarketoClientHarness();
        harness.RespondWithToken();
        harness.When(HttpMethod.Get, "/rest/v1/activities/types.json").Respond("application/json", Fixtures.Read("activity-types.json"));
        MarketoClientOptions? captured = null;
        var client = harness.CreateClient(options => captured = options);

        captured!.BaseAddress = new Uri("https://elsewhere.example.com");
        await client.GetActivityTypesAsync();

        Assert.That(harness.ApiRequests.Single().Uri.Host, Is.EqualTo("123-abc-456.mktorest.com"));
    }

    [Test]
    public void Dispose_ThenCall_ThrowsObjectDisposed()
    {
        var client = new MarketoClient(ValidOptions());

        client.Dispose();

        Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetActivityTypesAsync());
    }

    private static MarketoClientOptions ValidOptions() => new()
    {
        BaseAddress = new Uri("https://123-abc-456.mktorest.com"),
        ClientId = "id",
        ClientSecret = "s3cret",
    };
}
