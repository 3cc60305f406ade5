using System.Net;
using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientAuthenticationTests() : MarketoClientTestBase(respondWithToken: false)
{
    private const string TypesPath = "/rest/v1/activities/types.json";

    [Test]
    public async Task Token_IsRequestedWithFormBody_AndSentOnlyAsBearerHeader()
    {
        Harness.RespondWithToken();
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        await client.GetActivityTypesAsync();

        var identity = Harness.IdentityRequests.Single();
        Assert.That(identity.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(identity.Query, Is.Empty);
        Assert.That(identity.Authorization, Is.Null);
        Assert.That(identity.Headers, Does.Contain("Content-Type: application/x-www-form-urlencoded"));
        Assert.That(
            identity.Body,
            Is.EqualTo($"grant_type=client_credentials&client_id={MarketoClientHarness.ClientId}&client_secret={MarketoClientHarness.ClientSecret}"));
        var call = Harness.ApiRequests.Single();
        Assert.That(call.Authorization, Is.EqualTo("Bearer " + MarketoClientHarness.Token));
        Assert.That(call.Uri.Query, Does.Not.Contain("access_token"));
    }

    [Test]
    public async Task Token_IsCachedAcrossCalls()
    {
        Harness.RespondWithToken();
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        await client.GetActivityTypesAsync();
        await client.GetActivityTypesAsync();

        Assert.That(client.Statistics.IdentityCalls, Is.EqualTo(1));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Token_IsRenewedOnceWithinRefreshMargin()
    {
        Harness.RespondWithToken(expiresIn: 3600);
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();
        await client.GetActivityTypesAsync();

        Harness.Time.Advance(TimeSpan.FromSeconds(3539));
        await client.GetActivityTypesAsync();
        var identityCallsBeforeMargin = client.Statistics.IdentityCalls;
        Harness.Time.Advance(TimeSpan.FromSeconds(2));
        await client.GetActivityTypesAsync();

        Assert.That(identityCallsBeforeMargin, Is.EqualTo(1));
        Assert.That(client.Statistics.IdentityCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Token_TwentyConcurrentCalls_ShareOneIdentityCall()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Harness.Http.When(HttpMethod.Post, MarketoClientHarness.IdentityUrl).Respond(async () =>
        {
            await release.Task;
            return Fixtures.Json(Fixtures.TokenResponse(MarketoClientHarness.Token, 3600));
        });
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        var calls = Enumerable.Range(0, 20).Select(_ => client.GetActivityTypesAsync()).ToArray();
        await Task.Delay(50);
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.That(client.Statistics.IdentityCalls, Is.EqualTo(1));
        Assert.That(Harness.IdentityRequests, Has.Count.EqualTo(1));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(20));
    }

    [TestCase("601", "Access token invalid")]
    [TestCase("602", "Access token expired")]
    public async Task RejectedToken_IsReplacedAndCallReplayedOnce(string code, string message)
    {
        RespondWithTokens(("token-a", 3600), ("token-b", 3600));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error(code, message));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        var types = await client.GetActivityTypesAsync();

        Assert.That(types, Has.Count.EqualTo(3));
        Assert.That(Harness.ApiRequests.Select(request => request.Authorization), Is.EqualTo(new[] { "Bearer token-a", "Bearer token-b" }));
        Assert.That(client.Statistics.IdentityCalls, Is.EqualTo(2));
        Assert.That(client.Statistics.Retries, Is.Zero);
    }

    [Test]
    public void RejectedToken_RejectedAgainAfterReplay_ThrowsAuthenticationException()
    {
        RespondWithTokens(("token-a", 3600), ("token-b", 3600), ("token-c", 3600));
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error("601", "Access token invalid"));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoAuthenticationException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.ErrorCode, Is.EqualTo("601"));
        Assert.That(exception.Message, Does.Contain("GET " + TypesPath));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task NearlyExpiredSameToken_IsUsedUntilExpiry_WithoutAskingAgain()
    {
        RespondWithTokens(("token-a", 3600), ("token-a", 50), ("token-b", 3600));
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();
        await client.GetActivityTypesAsync();

        Harness.Time.Advance(TimeSpan.FromSeconds(3550));
        await client.GetActivityTypesAsync();
        Harness.Time.Advance(TimeSpan.FromSeconds(20));
        await client.GetActivityTypesAsync();
        Harness.Time.Advance(TimeSpan.FromSeconds(29));
        await client.GetActivityTypesAsync();
        var identityCallsBeforeExpiry = client.Statistics.IdentityCalls;
        Harness.Time.Advance(TimeSpan.FromSeconds(2));
        await client.GetActivityTypesAsync();

        Assert.That(identityCallsBeforeExpiry, Is.EqualTo(2));
        Assert.That(client.Statistics.IdentityCalls, Is.EqualTo(3));
        Assert.That(Harness.ApiRequests[^1].Authorization, Is.EqualTo("Bearer token-b"));
    }

    [Test]
    public async Task RejectedTokenHandedBackAgain_IsWaitedOutBeforeAskingAgain()
    {
        RespondWithTokens(("token-a", 3600), ("token-a", 3), ("token-b", 3600));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Error("602", "Access token expired"));
        Harness.Expect(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        await Harness.RunAsync(client.GetActivityTypesAsync());

        var identity = Harness.IdentityRequests;
        Assert.That(identity, Has.Count.EqualTo(3));
        Assert.That(identity[2].SentAt - identity[1].SentAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(4)));
        Assert.That(Harness.ApiRequests[^1].Authorization, Is.EqualTo("Bearer token-b"));
    }

    [Test]
    public async Task AlreadyExpiredToken_IsWaitedOutBeforeAskingAgain()
    {
        RespondWithTokens(("token-a", 0), ("token-b", 3600));
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        await Harness.RunAsync(client.GetActivityTypesAsync());

        var identity = Harness.IdentityRequests;
        Assert.That(identity, Has.Count.EqualTo(2));
        Assert.That(identity[1].SentAt - identity[0].SentAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(Harness.ApiRequests.Single().Authorization, Is.EqualTo("Bearer token-b"));
    }

    [Test]
    public void InvalidClient_ThrowsAuthenticationException_WithoutRetryOrApiCall()
    {
        Harness.Http.When(HttpMethod.Post, MarketoClientHarness.IdentityUrl)
            .Respond(HttpStatusCode.Unauthorized, "application/json", Fixtures.Read("identity-invalid-client.json"));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoAuthenticationException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.Message, Does.Contain("rejected the client id or secret"));
        Assert.That(exception.Message, Does.Contain("LaunchPoint"));
        Assert.That(exception.ErrorCode, Is.EqualTo("invalid_client"));
        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Harness.IdentityRequests, Has.Count.EqualTo(1));
        Assert.That(Harness.ApiRequests, Is.Empty);
        Assert.That(client.Statistics.ApiCalls, Is.Zero);
    }

    [Test]
    public async Task IdentityServerError_IsRetried()
    {
        var attempts = 0;
        Harness.Http.When(HttpMethod.Post, MarketoClientHarness.IdentityUrl).Respond(_ =>
            Interlocked.Increment(ref attempts) == 1
                ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("busy") }
                : Fixtures.Json(Fixtures.TokenResponse(MarketoClientHarness.Token, 3600)));
        Harness.When(HttpMethod.Get, TypesPath).Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient();

        await Harness.RunAsync(client.GetActivityTypesAsync());

        Assert.That(client.Statistics.IdentityCalls, Is.EqualTo(2));
        Assert.That(client.Statistics.Retries, Is.EqualTo(1));
        Assert.That(client.Statistics.ApiCalls, Is.EqualTo(1));
    }

    private void RespondWithTokens(params (string Token, long ExpiresIn)[] tokens)
    {
        var next = -1;
        Harness.Http.When(HttpMethod.Post, MarketoClientHarness.IdentityUrl).Respond(_ =>
        {
            var index = Math.Min(Interlocked.Increment(ref next), tokens.Length - 1);
            return Fixtures.Json(Fixtures.TokenResponse(tokens[index].Token, tokens[index].ExpiresIn));
        });
    }
}
