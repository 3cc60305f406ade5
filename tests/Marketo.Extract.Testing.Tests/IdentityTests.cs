using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Marketo.Extract.Testing.Tests;

public sealed class IdentityTests
{
    [Test]
    public async Task Token_RequestedTwice_SameTokenWithFallingExpiresIn()
    {
        await using var harness = EmulatorHarness.Create();

        using var first = await EmulatorHarness.ReadJsonAsync(await harness.Http.GetAsync(EmulatorHarness.IdentityPath()));
        harness.Time.Advance(TimeSpan.FromSeconds(100));
        using var second = await EmulatorHarness.ReadJsonAsync(await harness.Http.GetAsync(EmulatorHarness.IdentityPath()));

        var a = first.RootElement;
        var b = second.RootElement;
        Assert.That(a.GetProperty("access_token").GetString(), Does.EndWith(":em"));
        Assert.That(b.GetProperty("access_token").GetString(), Is.EqualTo(a.GetProperty("access_token").GetString()));
        Assert.That(a.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
        Assert.That(a.GetProperty("expires_in").GetInt32(), Is.EqualTo(3599));
        Assert.That(b.GetProperty("expires_in").GetInt32(), Is.EqualTo(3499));
        Assert.That(a.GetProperty("scope").GetString(), Is.EqualTo(MarketoEmulatorOptions.DefaultApiUser));
    }

    [Test]
    public async Task Token_PostedAsForm_Accepted()
    {
        await using var harness = EmulatorHarness.Create();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = MarketoEmulatorOptions.DefaultClientId,
            ["client_secret"] = MarketoEmulatorOptions.DefaultClientSecret,
        });

        using var response = await harness.Http.PostAsync("/identity/oauth/token", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("access_token").GetString(), Does.EndWith(":em"));
    }

    [TestCase(MarketoEmulatorOptions.DefaultClientSecret, HttpStatusCode.OK)]
    [TestCase("wrong", HttpStatusCode.Unauthorized)]
    public async Task Token_Response_NotCacheable(string secret, HttpStatusCode status)
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.Http.GetAsync(EmulatorHarness.IdentityPath(secret: secret));

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(response.Headers.Pragma.ToString(), Is.EqualTo("no-cache"));
    }

    [TestCase("PUT")]
    [TestCase("DELETE")]
    [TestCase("PATCH")]
    public async Task Token_OtherMethod_Http405(string method)
    {
        await using var harness = EmulatorHarness.Create();
        using var request = new HttpRequestMessage(new HttpMethod(method), EmulatorHarness.IdentityPath());

        using var response = await harness.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EqualTo(new[] { "GET", "POST" }));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        Assert.That(json.RootElement.TryGetProperty("access_token", out _), Is.False);
    }

    [Test]
    public async Task Token_BadSecret_Http401InvalidClient()
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.Http.GetAsync(EmulatorHarness.IdentityPath(secret: "wrong"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(),
            Is.EqualTo("""{"error":"invalid_client","error_description":"Bad client credentials"}"""));
    }

    [Test]
    public async Task Token_AfterLifetime_FirstUse602ThenUse601ThenNewToken()
    {
        await using var harness = EmulatorHarness.Create();
        string token = await harness.AuthenticateAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(3600));

        using var first = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        using var second = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        string renewed = await harness.AuthenticateAsync();

        Assert.That(EmulatorHarness.ErrorCode(first), Is.EqualTo("602"));
        Assert.That(EmulatorHarness.ErrorMessage(first), Is.EqualTo("Access token expired"));
        Assert.That(EmulatorHarness.ErrorCode(second), Is.EqualTo("601"));
        Assert.That(renewed, Is.Not.EqualTo(token));
    }

    [Test]
    public async Task ExpireTokensNow_NextCallGets602()
    {
        await using var harness = EmulatorHarness.Create();
        await harness.AuthenticateAsync();

        harness.Emulator.ExpireTokensNow();
        using var response = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("602"));
    }

    [Test]
    public async Task AccessTokenQueryParameter_Rejected601WithHeaderAdvice()
    {
        await using var harness = EmulatorHarness.Create();
        string token = await harness.AuthenticateAsync();

        using var response = await EmulatorHarness.ReadJsonAsync(await harness.Http.GetAsync($"{EmulatorEndpoints.ActivityTypes}?access_token={token}"));

        Assert.That(response.RootElement.GetProperty("success").GetBoolean(), Is.False);
        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("601"));
        Assert.That(EmulatorHarness.ErrorMessage(response), Does.Contain("Authorization: Bearer"));
    }

    [Test]
    public async Task AccessTokenQueryParameter_SwitchOff_Accepted()
    {
        await using var harness = EmulatorHarness.Create(o => o.RejectAccessTokenQueryParameter = false);
        string token = await harness.AuthenticateAsync();

        using var response = await EmulatorHarness.ReadJsonAsync(await harness.Http.GetAsync($"{EmulatorEndpoints.ActivityTypes}?access_token={token}"));

        Assert.That(response.RootElement.GetProperty("success").GetBoolean(), Is.True);
    }

    [TestCase(600)]
    [TestCase(601)]
    public async Task MissingToken_ConfiguredCode(int code)
    {
        await using var harness = EmulatorHarness.Create(o => o.MissingTokenErrorCode = code);

        using var response = await EmulatorHarness.ReadJsonAsync(await harness.Http.GetAsync(EmulatorEndpoints.ActivityTypes));

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo(code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task UnknownToken_Gets601()
    {
        await using var harness = EmulatorHarness.Create();
        using var request = new HttpRequestMessage(HttpMethod.Get, EmulatorEndpoints.ActivityTypes);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "00000000-0000-0000-0000-000000000000:em");

        using var response = await EmulatorHarness.ReadJsonAsync(await harness.Http.SendAsync(request));

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("601"));
        Assert.That(response.RootElement.GetProperty("requestId").GetString(), Does.Match("^[0-9a-f]+#[0-9a-f]+$"));
    }
}
