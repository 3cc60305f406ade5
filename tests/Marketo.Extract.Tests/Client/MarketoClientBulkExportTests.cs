using System.Net;
using Marketo.Extract.Models;
using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientBulkExportTests : MarketoClientTestBase
{
    private const string ExportId = "ce45a7a1-f19d-4ce2-882c-a3c795940a7d";
    private const string LeadsCreatePath = "/bulk/v1/leads/export/create.json";
    private const string ActivitiesCreatePath = "/bulk/v1/activities/export/create.json";

    private static readonly DateTimeRange January = new(
        new DateTimeOffset(2024, 1, 1, 0, 0, 0, 500, TimeSpan.Zero),
        new DateTimeOffset(2024, 1, 31, 23, 59, 59, TimeSpan.Zero));

    [Test]
    public async Task CreateLeadExport_PostsFieldsFormatAndOneFilter()
    {
        Harness.Expect(HttpMethod.Post, LeadsCreatePath).Respond("application/json", Fixtures.Read("export-created.json"));
        var client = Harness.CreateClient();

        var job = await client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id", "email"], CreatedAt = January });

        var request = Harness.ApiRequests.Single();
        Assert.That(request.Headers, Does.Contain("Content-Type: application/json; charset=utf-8"));
        Assert.That(
            request.Body,
            Is.EqualTo("""{"fields":["id","email"],"format":"CSV","filter":{"createdAt":{"startAt":"2024-01-01T00:00:00Z","endAt":"2024-01-31T23:59:59Z"}}}"""));
        Assert.That(job.ExportId, Is.EqualTo(ExportId));
        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Created));
        Assert.That(job.RawStatus, Is.EqualTo("Created"));
        Assert.That(job.Format, Is.EqualTo("CSV"));
        Assert.That(job.CreatedAt, Is.EqualTo(new DateTimeOffset(2020, 4, 29, 22, 28, 14, TimeSpan.Zero)));
        Assert.That(job.QueuedAt, Is.Null);
    }

    [Test]
    public async Task CreateLeadExport_ByStaticList_SendsStaticListId()
    {
        Harness.Expect(HttpMethod.Post, LeadsCreatePath).Respond("application/json", Fixtures.Read("export-created.json"));
        var client = Harness.CreateClient();

        await client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"], StaticListId = 501 });

        Assert.That(Harness.ApiRequests.Single().Body, Is.EqualTo("""{"fields":["id"],"format":"CSV","filter":{"staticListId":501}}"""));
    }

    [Test]
    public async Task CreateActivityExport_SendsCreatedAtTypesAndDefaultFields()
    {
        Harness.Expect(HttpMethod.Post, ActivitiesCreatePath).Respond("application/json", Fixtures.Read("export-created.json"));
        var client = Harness.CreateClient();

        await client.CreateActivityExportAsync(new ActivityExportRequest { CreatedAt = January, ActivityTypeIds = [1, 12] });

        Assert.That(
            Harness.ApiRequests.Single().Body,
            Is.EqualTo(
                """{"fields":["marketoGUID","leadId","activityDate","activityTypeId","campaignId","primaryAttributeValueId","primaryAttributeValue","attributes"],"format":"CSV","filter":{"createdAt":{"startAt":"2024-01-01T00:00:00Z","endAt":"2024-01-31T23:59:59Z"},"activityTypeIds":[1,12]}}"""));
    }

    [Test]
    public void CreateActivityExport_DeleteLeadType_ThrowsBeforeSending()
    {
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<ArgumentException>(() =>
            client.CreateActivityExportAsync(new ActivityExportRequest { CreatedAt = January, ActivityTypeIds = [1, 37] }));

        Assert.That(exception.Message, Does.Contain("37 (Delete Lead)"));
        Assert.That(exception.Message, Does.Contain("GetDeletedLeadsAsync"));
        Assert.That(exception.ParamName, Is.EqualTo("request"));
        Assert.That(Harness.Requests, Is.Empty);
    }

    [Test]
    public void CreateLeadExport_NoFilter_ThrowsNamingTheRule()
    {
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<ArgumentException>(() => client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"] }));

        Assert.That(exception.Message, Does.Contain("exactly one filter, CreatedAt, UpdatedAt or StaticListId, but it sets none"));
    }

    [Test]
    public void CreateLeadExport_TwoFilters_ThrowsNamingBoth()
    {
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<ArgumentException>(() =>
            client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"], CreatedAt = January, StaticListId = 5 }));

        Assert.That(exception.Message, Does.Contain("but it sets CreatedAt and StaticListId"));
    }

    [Test]
    public void CreateLeadExport_RangeOverThirtyOneDays_Throws()
    {
        var client = Harness.CreateClient();
        var tooWide = new DateTimeRange(January.Start, January.Start.AddDays(31).AddSeconds(1));

        var exception = Assert.ThrowsAsync<ArgumentException>(() =>
            client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"], UpdatedAt = tooWide }));

        Assert.That(exception.Message, Does.Contain("LeadExportRequest.UpdatedAt spans 31.00:00:01"));
        Assert.That(exception.Message, Does.Contain("31 days"));
    }

    [Test]
    public void CreateLeadExport_EmptyFields_Throws()
    {
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<ArgumentException>(() =>
            client.CreateLeadExportAsync(new LeadExportRequest { Fields = [], CreatedAt = January }));

        Assert.That(exception.Message, Does.Contain("LeadExportRequest.Fields is empty"));
    }

    [Test]
    public void CreateLeadExport_UnsupportedFilter1035_ThrowsUnsupportedFilter()
    {
        Harness.Expect(HttpMethod.Post, LeadsCreatePath)
            .Respond("application/json", Fixtures.Error("1035", "Unsupported filter type for target subscription: updatedAt"));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoUnsupportedFilterException>(() =>
            client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"], UpdatedAt = January }));

        Assert.That(exception.ErrorCode, Is.EqualTo("1035"));
        Assert.That(exception.Message, Does.Contain("createdAt instead"));
    }

    [Test]
    public async Task CreateExport_RateLimited606_IsRetriedBecauseNoJobWasCreated()
    {
        Harness.Expect(HttpMethod.Post, LeadsCreatePath)
            .Respond("application/json", Fixtures.Error("606", "Max rate limit '100' exceeded with in '20' secs"));
        Harness.Expect(HttpMethod.Post, LeadsCreatePath).Respond("application/json", Fixtures.Read("export-created.json"));
        var client = Harness.CreateClient();

        var job = await Harness.RunAsync(client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"], CreatedAt = January }));

        Assert.That(job.ExportId, Is.EqualTo(ExportId));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(2));
    }

    [Test]
    public void CreateExport_ConnectionDroppedAfterSending_IsNotRetried_AndPointsToListExports()
    {
        Harness.Expect(HttpMethod.Post, LeadsCreatePath)
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() =>
            Harness.RunAsync(client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"], CreatedAt = January })));

        Assert.That(exception.Message, Does.Contain("A job may have been created"));
        Assert.That(exception.Message, Does.Contain("ListExportsAsync(BulkExportObject.Leads, [BulkExportStatus.Created])"));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public void CreateExport_Timeout_IsNotRetried()
    {
        var never = new TaskCompletionSource<HttpResponseMessage>();
        Harness.Expect(HttpMethod.Post, ActivitiesCreatePath).Respond(() => never.Task);
        var client = Harness.CreateClient(options => options.RequestTimeout = TimeSpan.FromSeconds(10));

        var exception = Assert.ThrowsAsync<MarketoException>(() =>
            Harness.RunAsync(client.CreateActivityExportAsync(new ActivityExportRequest { CreatedAt = January })));

        Assert.That(exception.Message, Does.StartWith("Creating the activities export job failed"));
        Assert.That(exception.Message, Does.Contain("ListExportsAsync(BulkExportObject.Activities"));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public void CreateExport_ServerError_IsNotRetried()
    {
        Harness.Expect(HttpMethod.Post, LeadsCreatePath).Respond(HttpStatusCode.BadGateway, "text/html", "<h1>502</h1>");
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() =>
            client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"], CreatedAt = January }));

        Assert.That(exception.Message, Does.Contain("A job may have been created"));
        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CreateExport_ConnectionRefused_IsRetriedBecauseNothingWasSent()
    {
        Harness.Expect(HttpMethod.Post, LeadsCreatePath)
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        Harness.Expect(HttpMethod.Post, LeadsCreatePath).Respond("application/json", Fixtures.Read("export-created.json"));
        var client = Harness.CreateClient();

        var job = await Harness.RunAsync(client.CreateLeadExportAsync(new LeadExportRequest { Fields = ["id"], CreatedAt = January }));

        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Created));
    }

    [Test]
    public async Task EnqueueExport_PostsToEnqueuePath()
    {
        Harness.Expect(HttpMethod.Post, $"/bulk/v1/leads/export/{ExportId}/enqueue.json").Respond("application/json", Fixtures.Read("export-queued.json"));
        var client = Harness.CreateClient();

        var job = await client.EnqueueExportAsync(BulkExportObject.Leads, ExportId);

        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Queued));
        Assert.That(job.QueuedAt, Is.EqualTo(new DateTimeOffset(2020, 4, 29, 22, 29, 0, TimeSpan.Zero)));
        Assert.That(Harness.ApiRequests.Single().Body, Is.Null);
    }

    [Test]
    public async Task EnqueueExport_JobAlreadyQueued_ReturnsCurrentStatus()
    {
        Harness.Expect(HttpMethod.Post, $"/bulk/v1/activities/export/{ExportId}/enqueue.json")
            .Respond("application/json", Fixtures.Error("1029", "Job already queued"));
        Harness.Expect(HttpMethod.Get, $"/bulk/v1/activities/export/{ExportId}/status.json")
            .Respond("application/json", Fixtures.ExportStatus("Processing"));
        var client = Harness.CreateClient();

        var job = await client.EnqueueExportAsync(BulkExportObject.Activities, ExportId);

        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Processing));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(2));
    }

    [Test]
    public void EnqueueExport_QueueFull_ThrowsQueueFull_WithoutRetry()
    {
        Harness.When(HttpMethod.Post, $"/bulk/v1/leads/export/{ExportId}/enqueue.json")
            .Respond("application/json", Fixtures.Error("1029", "Too many jobs in queue"));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoExportQueueFullException>(() => client.EnqueueExportAsync(BulkExportObject.Leads, ExportId));

        Assert.That(exception.ErrorCode, Is.EqualTo("1029"));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [TestCase("Export daily quota 500MB exceeded.")]
    [TestCase("Export daily quota exceeded")]
    public void EnqueueExport_DailyExportQuota_ThrowsQuotaExceeded(string message)
    {
        Harness.When(HttpMethod.Post, $"/bulk/v1/leads/export/{ExportId}/enqueue.json")
            .Respond("application/json", Fixtures.Error("1029", message));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoQuotaExceededException>(() => client.EnqueueExportAsync(BulkExportObject.Leads, ExportId));

        Assert.That(exception.Quota, Is.EqualTo(MarketoQuotaKind.DailyExportVolume));
        Assert.That(exception.ResetsAt, Is.EqualTo(new DateTimeOffset(2024, 7, 11, 5, 0, 0, TimeSpan.Zero)));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetExportStatus_MapsCompletedJob()
    {
        Harness.Expect(HttpMethod.Get, $"/bulk/v1/leads/export/{ExportId}/status.json")
            .Respond("application/json", Fixtures.Read("export-status-completed.json"));
        var client = Harness.CreateClient();

        var job = await client.GetExportStatusAsync(BulkExportObject.Leads, ExportId);

        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Completed));
        Assert.That(job.StartedAt, Is.EqualTo(new DateTimeOffset(2017, 1, 21, 19, 51, 30, TimeSpan.Zero)));
        Assert.That(job.FinishedAt, Is.EqualTo(new DateTimeOffset(2017, 1, 21, 20, 59, 30, TimeSpan.Zero)));
        Assert.That(job.NumberOfRecords, Is.EqualTo(122323));
        Assert.That(job.FileSize, Is.EqualTo(123424));
        Assert.That(job.FileChecksum, Is.EqualTo("sha256:c16514c7e80fcac5ea055dacae9617fc3c29aff5365e3743071313ce0ed2a815"));
    }

    [TestCase("Created", BulkExportStatus.Created)]
    [TestCase("queued", BulkExportStatus.Queued)]
    [TestCase("PROCESSING", BulkExportStatus.Processing)]
    [TestCase("Completed", BulkExportStatus.Completed)]
    [TestCase("Failed", BulkExportStatus.Failed)]
    [TestCase("Cancelled", BulkExportStatus.Cancelled)]
    [TestCase("Canceled", BulkExportStatus.Cancelled)]
    [TestCase("Archived", BulkExportStatus.Unknown)]
    public async Task GetExportStatus_ParsesStatusCaseInsensitively(string raw, BulkExportStatus expected)
    {
        Harness.Expect(HttpMethod.Get, $"/bulk/v1/leads/export/{ExportId}/status.json")
            .Respond("application/json", Fixtures.ExportStatus(raw, "disk full"));
        var client = Harness.CreateClient();

        var job = await client.GetExportStatusAsync(BulkExportObject.Leads, ExportId);

        Assert.That(job.Status, Is.EqualTo(expected));
        Assert.That(job.RawStatus, Is.EqualTo(raw));
        Assert.That(job.ErrorMessage, Is.EqualTo("disk full"));
        Assert.That(job.QueuedAt, Is.Null);
    }

    [Test]
    public async Task CancelExport_PostsToCancelPath()
    {
        Harness.Expect(HttpMethod.Post, $"/bulk/v1/activities/export/{ExportId}/cancel.json")
            .Respond("application/json", Fixtures.Read("export-cancelled.json"));
        var client = Harness.CreateClient();

        var job = await client.CancelExportAsync(BulkExportObject.Activities, ExportId);

        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Cancelled));
    }

    [Test]
    public void GetExportStatus_BlankExportId_ThrowsBeforeSending()
    {
        var client = Harness.CreateClient();

        Assert.ThrowsAsync<ArgumentException>(() => client.GetExportStatusAsync(BulkExportObject.Leads, " "));
        Assert.That(Harness.Requests, Is.Empty);
    }

    [Test]
    public async Task ListExports_FiltersByStatusAndFollowsTokens()
    {
        Harness.Expect(HttpMethod.Get, "/bulk/v1/leads/export.json").Respond("application/json", Fixtures.Read("export-list-page1.json"));
        Harness.Expect(HttpMethod.Get, "/bulk/v1/leads/export.json").Respond("application/json", Fixtures.Read("export-list-page2.json"));
        var client = Harness.CreateClient();

        var jobs = await client.ListExportsAsync(
            BulkExportObject.Leads, [BulkExportStatus.Completed, BulkExportStatus.Cancelled, BulkExportStatus.Failed]).ToListAsync();

        var queries = Harness.ApiRequests.Select(request => request.Query).ToArray();
        Assert.That(queries[0], Is.EqualTo("status=Completed,Cancelled,Failed&batchSize=300"));
        Assert.That(queries[1], Is.EqualTo("status=Completed,Cancelled,Failed&batchSize=300&nextPageToken=EXPORTS2"));
        Assert.That(jobs.Select(job => job.Status), Is.EqualTo(new[] { BulkExportStatus.Completed, BulkExportStatus.Cancelled, BulkExportStatus.Failed }));
        Assert.That(jobs[2].ErrorMessage, Is.EqualTo("Export failed"));
    }

    [Test]
    public async Task ListExports_WithoutStatuses_SendsNoStatusFilter()
    {
        Harness.Expect(HttpMethod.Get, "/bulk/v1/activities/export.json").Respond("application/json", Fixtures.Read("export-list-page2.json"));
        var client = Harness.CreateClient();

        var jobs = await client.ListExportsAsync(BulkExportObject.Activities).ToListAsync();

        Assert.That(Harness.ApiRequests.Single().Query, Is.EqualTo("batchSize=300"));
        Assert.That(jobs, Has.Count.EqualTo(1));
    }

    [Test]
    public void ListExports_UnknownStatusInFilter_ThrowsBeforeSending()
    {
        var client = Harness.CreateClient();

        var exception = Assert.Throws<ArgumentException>(() => client.ListExportsAsync(BulkExportObject.Leads, [BulkExportStatus.Unknown]));

        Assert.That(exception.ParamName, Is.EqualTo("statuses"));
    }
}
