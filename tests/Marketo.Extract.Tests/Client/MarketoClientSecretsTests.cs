using System.Net;
using Marketo.Extract.Models;
using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientSecretsTests
{
    private const string Secret = "canary-secret-7f3a";
    private const string Token = "canary-token-91bd";
    private const string ExportId = "ce45a7a1-f19d-4ce2-882c-a3c795940a7d";

    [Test]
    public async Task WholeSession_NeverShowsSecretOrToken_OutsideIdentityBodyAndBearerHeader()
    {
        using var harness = new MarketoClientHarness();
        harness.RespondWithToken(Token);
        RespondToSession(harness);
        var client = harness.CreateClient(options => options.ClientSecret = Secret);
        var failures = new List<Exception>();

        await RunSessionAsync(harness, client, failures);

        Assert.That(failures, Has.Count.EqualTo(5));
        foreach (var failure in failures)
        {
            Assert.That(failure.ToString(), Does.Not.Contain(Secret).And.Not.Contain(Token));
        }

        var lines = harness.Logger.Entries.ToArray();
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Any(line => line.Level == Microsoft.Extensions.Logging.LogLevel.Trace), Is.True);
        foreach (var line in lines)
        {
            var text = line.Message + " " + line.Properties + " " + line.Exception;
            Assert.That(text, Does.Not.Contain(Secret).And.Not.Contain(Token));
        }

        foreach (var request in harness.Requests)
        {
            Assert.That(request.Uri.ToString(), Does.Not.Contain(Secret).And.Not.Contain(Token));
            var headersWithoutAuthorization = string.Join(
                '\n', request.Headers.Split('\n').Where(header => !header.StartsWith("Authorization:", StringComparison.Ordinal)));
            Assert.That(headersWithoutAuthorization, Does.Not.Contain(Secret).And.Not.Contain(Token));
            if (request.IsIdentity)
            {
                Assert.That(request.Body, Does.Contain("client_secret=" + Secret));
                Assert.That(request.Authorization, Is.Null);
            }
            else
            {
                Assert.That(request.Authorization, Is.EqualTo("Bearer " + Token));
                Assert.That(request.Body ?? string.Empty, Does.Not.Contain(Secret).And.Not.Contain(Token));
            }
        }

        Assert.That(client.ToString(), Does.Not.Contain(Secret));
        Assert.That(new MarketoClientOptions { ClientSecret = Secret }.ToString(), Does.Not.Contain(Secret));
    }

    [Test]
    public void RejectedCredentials_EchoedByServer_AreRedacted()
    {
        using var harness = new MarketoClientHarness();
        harness.Http.When(HttpMethod.Post, MarketoClientHarness.IdentityUrl).Respond(
            HttpStatusCode.Unauthorized,
            "application/json",
            $$"""{"error":"invalid_client","error_description":"Bad client credentials for secret {{Secret}}"}""");
        var client = harness.CreateClient(options => options.ClientSecret = Secret);

        var exception = Assert.ThrowsAsync<MarketoAuthenticationException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.ToString(), Does.Not.Contain(Secret));
        Assert.That(exception.MarketoMessage, Is.EqualTo("Bad client credentials for secret ***"));
    }

    [Test]
    public void ServerErrorBodyEchoingToken_IsRedactedInExcerpt()
    {
        using var harness = new MarketoClientHarness();
        harness.RespondWithToken(Token);
        harness.When(HttpMethod.Get, "/rest/v1/activities/types.json")
            .Respond(HttpStatusCode.OK, "text/html", $"<html>Forbidden: Authorization Bearer {Token} rejected</html>");
        var client = harness.CreateClient(options => options.ClientSecret = Secret);

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.GetActivityTypesAsync());

        Assert.That(exception.Message, Does.Contain("Bearer *** rejected"));
        Assert.That(exception.ToString(), Does.Not.Contain(Token));
    }

    private static void RespondToSession(MarketoClientHarness harness)
    {
        harness.When(HttpMethod.Get, "/rest/v1/activities/types.json").Respond("application/json", Fixtures.Read("activity-types.json"));
        harness.When(HttpMethod.Get, "/rest/v1/leads/describe2.json").Respond("application/json", Fixtures.Read("describe2.json"));
        harness.When(HttpMethod.Get, "/rest/v1/campaigns.json").Respond("application/json", Fixtures.Read("campaigns-page2.json"));
        harness.When(HttpMethod.Get, "/rest/v1/lists.json").Respond("application/json", Fixtures.Error("603", "Access denied"));
        harness.When(HttpMethod.Get, "/rest/asset/v1/programs.json").Respond("application/json", Fixtures.Read("programs-no-assets.json"));
        harness.When(HttpMethod.Get, "/rest/v1/activities/pagingtoken.json").Respond("application/json", Fixtures.Read("paging-token.json"));
        harness.When(HttpMethod.Get, "/rest/v1/activities/deletedleads.json").Respond("application/json", Fixtures.Read("deleted-leads-page3.json"));
        harness.When(HttpMethod.Post, "/bulk/v1/leads/export/create.json").Respond("application/json", Fixtures.Read("export-created.json"));
        harness.When(HttpMethod.Post, $"/bulk/v1/leads/export/{ExportId}/enqueue.json")
            .Respond("application/json", Fixtures.Error("1029", "Too many jobs in queue"));
        harness.When(HttpMethod.Get, $"/bulk/v1/leads/export/{ExportId}/status.json").Respond("application/json", Fixtures.Error("607", "Daily quota reached"));
        harness.When(HttpMethod.Get, $"/bulk/v1/leads/export/{ExportId}/file.json").Respond(HttpStatusCode.NotFound, "text/plain", "Not found");
        harness.When(HttpMethod.Post, $"/bulk/v1/leads/export/{ExportId}/cancel.json").Respond(HttpStatusCode.OK, "text/html", "<html>proxy</html>");
    }

    private static async Task RunSessionAsync(MarketoClientHarness harness, MarketoClient client, List<Exception> failures)
    {
        await client.GetActivityTypesAsync();
        await client.DescribeLeadsAsync();
        await client.GetCampaignsAsync().ToListAsync();
        await client.GetProgramsAsync().ToListAsync();
        await client.GetDeletedLeadsAsync(MarketoClientHarness.Start.AddDays(-1)).ToListAsync();
        await client.CreateLeadExportAsync(new LeadExportRequest
        {
            Fields = ["id"],
            CreatedAt = new DateTimeRange(MarketoClientHarness.Start.AddDays(-7), MarketoClientHarness.Start),
        });

        // The token expires and is renewed in the middle of the session.
        harness.Time.Advance(TimeSpan.FromHours(1));
        await Capture(failures, () => client.GetStaticListsAsync().ToListAsync().AsTask());
        await Capture(failures, () => client.EnqueueExportAsync(BulkExportObject.Leads, ExportId));
        await Capture(failures, () => client.GetExportStatusAsync(BulkExportObject.Leads, ExportId));
        await Capture(failures, () => client.OpenExportFileAsync(BulkExportObject.Leads, ExportId));
        await Capture(failures, () => client.CancelExportAsync(BulkExportObject.Leads, ExportId));
    }

    private static async Task Capture(List<Exception> failures, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (MarketoException exception)
        {
            failures.Add(exception);
        }
    }
}
