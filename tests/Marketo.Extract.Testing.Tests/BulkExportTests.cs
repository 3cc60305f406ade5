using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Marketo.Extract.Testing.Tests;

public sealed class BulkExportTests
{
    private static readonly DateTimeOffset WindowStart = EmulatorHarness.Start.AddDays(-30);

    [Test]
    public async Task Lifecycle_MovesOnCadenceBoundaries()
    {
        await using var harness = EmulatorHarness.Create(o =>
        {
            o.ExportStatusCadence = TimeSpan.FromSeconds(60);
            o.ExportProcessingTime = TimeSpan.FromSeconds(120);
        });
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        using var created = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string id = EmulatorHarness.Result(created).GetProperty("exportId").GetString()!;
        using var enqueued = await harness.PostAsync($"/bulk/v1/leads/export/{id}/enqueue.json");

        harness.Time.Advance(TimeSpan.FromSeconds(49));
        using var beforeBoundary = await StatusAsync(harness, id);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        using var processing = await StatusAsync(harness, id);
        harness.Time.Advance(TimeSpan.FromSeconds(119));
        using var stillProcessing = await StatusAsync(harness, id);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        using var completed = await StatusAsync(harness, id);

        var job = EmulatorHarness.Result(created);
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("Created"));
        Assert.That(job.GetProperty("format").GetString(), Is.EqualTo("CSV"));
        Assert.That(job.GetProperty("createdAt").GetString(), Is.EqualTo("2024-06-01T12:00:10Z"));
        Assert.That(job.TryGetProperty("queuedAt", out _), Is.False);
        Assert.That(Status(enqueued), Is.EqualTo("Queued"));
        Assert.That(EmulatorHarness.Result(enqueued).GetProperty("queuedAt").GetString(), Is.EqualTo("2024-06-01T12:00:10Z"));
        Assert.That(Status(beforeBoundary), Is.EqualTo("Queued"));
        Assert.That(Status(processing), Is.EqualTo("Processing"));
        Assert.That(EmulatorHarness.Result(processing).GetProperty("startedAt").GetString(), Is.EqualTo("2024-06-01T12:01:00Z"));
        Assert.That(EmulatorHarness.Result(processing).TryGetProperty("fileSize", out _), Is.False);
        Assert.That(Status(stillProcessing), Is.EqualTo("Processing"));
        Assert.That(Status(completed), Is.EqualTo("Completed"));
        Assert.That(EmulatorHarness.Result(completed).GetProperty("finishedAt").GetString(), Is.EqualTo("2024-06-01T12:03:00Z"));
    }

    [Test]
    public async Task Completed_ChecksumSizeAndRecordsMatchFile()
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        using var status = await StatusAsync(harness, id);
        using var file = await harness.GetFileAsync("leads", id);
        byte[] bytes = await file.Content.ReadAsByteArrayAsync();

        var job = EmulatorHarness.Result(status);
        int expectedRows = harness.Emulator.Dataset.Leads.Count(l => l.CreatedAt >= WindowStart && l.CreatedAt <= EmulatorHarness.Start);
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(file.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        Assert.That(job.GetProperty("fileSize").GetInt64(), Is.EqualTo(bytes.Length));
        Assert.That(job.GetProperty("fileChecksum").GetString(), Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.That(job.GetProperty("numberOfRecords").GetInt64(), Is.EqualTo(expectedRows));
        Assert.That(CsvReader.Parse(Encoding.UTF8.GetString(bytes)), Has.Count.EqualTo(expectedRows + 1));
    }

    [Test]
    public async Task File_BeforeCompleted_Http404PlainText()
    {
        await using var harness = EmulatorHarness.Create(o => o.ExportProcessingTime = TimeSpan.FromMinutes(5));
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        using var file = await harness.GetFileAsync("leads", id);

        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(file.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
    }

    [Test]
    public async Task File_Ranges_206WithHeadersAnd416WhenUnsatisfiable()
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using var whole = await harness.GetFileAsync("leads", id);
        byte[] bytes = await whole.Content.ReadAsByteArrayAsync();

        using var head = await harness.GetFileAsync("leads", id, "bytes=0-9");
        using var rest = await harness.GetFileAsync("leads", id, "bytes=10-");
        using var beyond = await harness.GetFileAsync("leads", id, $"bytes={bytes.Length}-");

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(head.Headers.AcceptRanges, Is.EqualTo(new[] { "bytes" }));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(10));
        Assert.That(head.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes 0-9/{bytes.Length}"));
        Assert.That(rest.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(rest.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes 10-{bytes.Length - 1}/{bytes.Length}"));
        byte[] joined = [.. await head.Content.ReadAsByteArrayAsync(), .. await rest.Content.ReadAsByteArrayAsync()];
        Assert.That(joined, Is.EqualTo(bytes));
        Assert.That(beyond.StatusCode, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
        Assert.That(beyond.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes */{bytes.Length}"));
    }

    [TestCase("bytes=5-2")]
    [TestCase("bytes=0-4,10-14")]
    [TestCase("items=0-5")]
    [TestCase("bytes=abc")]
    [TestCase("bytes=-")]
    [TestCase("bytes=1-x")]
    [TestCase("bytes 0-4")]
    [TestCase("bytes=--3")]
    public async Task File_InvalidOrMultiRange_IgnoredWholeFile(string range)
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using var whole = await harness.GetFileAsync("leads", id);
        byte[] bytes = await whole.Content.ReadAsByteArrayAsync();

        using var ranged = await harness.GetFileAsync("leads", id, range);

        Assert.That(ranged.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ranged.Content.Headers.ContentRange, Is.Null);
        Assert.That(await ranged.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
    }

    [TestCase("bytes=-5", 5)]
    [TestCase("bytes=-100000000", -1)]
    [TestCase("bytes=0-99999999999999999999999", -1)]
    [TestCase("BYTES=0-0", 1)]
    public async Task File_SuffixAndOversizedRanges_206(string range, int expectedLength)
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using var whole = await harness.GetFileAsync("leads", id);
        byte[] bytes = await whole.Content.ReadAsByteArrayAsync();
        int length = expectedLength < 0 ? bytes.Length : expectedLength;

        using var ranged = await harness.GetFileAsync("leads", id, range);

        Assert.That(ranged.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await ranged.Content.ReadAsByteArrayAsync(), Is.EqualTo(range.Contains("=-", StringComparison.Ordinal) ? bytes[^length..] : bytes[..length]));
        Assert.That(ranged.Content.Headers.ContentRange!.Length, Is.EqualTo(bytes.Length));
    }

    [TestCase("bytes=-0")]
    [TestCase("bytes=99999999999999999999999-")]
    public async Task File_ValidButUnsatisfiableRange_416(string range)
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        using var ranged = await harness.GetFileAsync("leads", id, range);

        Assert.That(ranged.StatusCode, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
        Assert.That(ranged.Content.Headers.ContentRange!.ToString(), Does.StartWith("bytes */"));
    }

    [Test]
    public async Task File_Head_HeadersOfGetWithoutBody()
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using var whole = await harness.GetFileAsync("leads", id);
        byte[] bytes = await whole.Content.ReadAsByteArrayAsync();
        long exportedBefore = harness.Emulator.Statistics.BytesExported;

        using var head = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/bulk/v1/leads/export/{id}/file.json"));

        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(bytes.Length));
        Assert.That(head.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        Assert.That(head.Headers.AcceptRanges, Is.EqualTo(new[] { "bytes" }));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(harness.Emulator.Statistics.BytesExported, Is.EqualTo(exportedBefore));
    }

    [Test]
    public async Task File_After7Days_404WhileStatusStaysFor30Days()
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        harness.Time.Advance(TimeSpan.FromDays(7));
        await harness.AuthenticateAsync();
        using var expiredFile = await harness.GetFileAsync("leads", id);
        using var status = await StatusAsync(harness, id);
        harness.Time.Advance(TimeSpan.FromDays(23));
        await harness.AuthenticateAsync();
        using var gone = await StatusAsync(harness, id);

        Assert.That(expiredFile.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Status(status), Is.EqualTo("Completed"));
        Assert.That(EmulatorHarness.ErrorCode(gone), Is.EqualTo("1003"));
    }

    [Test]
    public async Task Enqueue_Twice_1029JobAlreadyQueued()
    {
        await using var harness = EmulatorHarness.Create(o => o.ExportQueueWait = TimeSpan.FromHours(1));
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        string status = await harness.StatusAsync("leads", id);
        using var again = await harness.PostAsync($"/bulk/v1/leads/export/{id}/enqueue.json");

        Assert.That(status, Is.EqualTo("Queued"));
        Assert.That(EmulatorHarness.ErrorCode(again), Is.EqualTo("1029"));
        Assert.That(EmulatorHarness.ErrorMessage(again), Is.EqualTo("Job already queued"));
    }

    [Test]
    public async Task Enqueue_WhileProcessing_1029JobAlreadyQueued()
    {
        await using var harness = EmulatorHarness.Create(o => o.ExportProcessingTime = TimeSpan.FromHours(1));
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        string status = await harness.StatusAsync("leads", id);
        using var again = await harness.PostAsync($"/bulk/v1/leads/export/{id}/enqueue.json");

        Assert.That(status, Is.EqualTo("Processing"));
        Assert.That(EmulatorHarness.ErrorCode(again), Is.EqualTo("1029"));
        Assert.That(EmulatorHarness.ErrorMessage(again), Is.EqualTo("Job already queued"));
    }

    [TestCase("Completed")]
    [TestCase("Cancelled")]
    [TestCase("Failed")]
    public async Task Enqueue_FinishedJob_1003NotAlreadyQueued(string state)
    {
        await using var harness = EmulatorHarness.Create(o => o.ExportProcessingTime = TimeSpan.FromHours(state == "Cancelled" ? 1 : 0));
        if (state == "Failed")
        {
            harness.Emulator.Faults.FailExports(1);
        }

        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        if (state == "Cancelled")
        {
            using var cancelled = await harness.PostAsync($"/bulk/v1/leads/export/{id}/cancel.json");
        }

        string status = await harness.StatusAsync("leads", id);
        using var again = await harness.PostAsync($"/bulk/v1/leads/export/{id}/enqueue.json");
        string statusAfter = await harness.StatusAsync("leads", id);

        Assert.That(status, Is.EqualTo(state));
        Assert.That(EmulatorHarness.ErrorCode(again), Is.EqualTo("1003"));
        Assert.That(EmulatorHarness.ErrorMessage(again), Is.EqualTo($"Export job {id} is {state}; only a Created job can be enqueued, so create a new export"));
        Assert.That(statusAfter, Is.EqualTo(state));
    }

    [Test]
    public async Task Enqueue_EleventhJob_1029TooManyJobsInQueue()
    {
        await using var harness = EmulatorHarness.Create(o => o.ExportProcessingTime = TimeSpan.FromHours(1));
        var ids = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            ids.Add(await harness.StartExportAsync("activities", EmulatorHarness.ActivityBody(WindowStart, EmulatorHarness.Start)));
        }

        using var created = await harness.PostJsonAsync(EmulatorEndpoints.ActivityExportCreate, EmulatorHarness.ActivityBody(WindowStart, EmulatorHarness.Start));
        string eleventh = EmulatorHarness.Result(created).GetProperty("exportId").GetString()!;
        using var rejected = await harness.PostAsync($"/bulk/v1/activities/export/{eleventh}/enqueue.json");
        var statuses = new List<string>();
        foreach (string id in ids)
        {
            statuses.Add(await harness.StatusAsync("activities", id));
        }

        Assert.That(EmulatorHarness.ErrorCode(rejected), Is.EqualTo("1029"));
        Assert.That(EmulatorHarness.ErrorMessage(rejected), Is.EqualTo("Too many jobs in queue"));
        Assert.That(statuses.Count(s => s == "Processing"), Is.EqualTo(2));
        Assert.That(statuses.Count(s => s == "Queued"), Is.EqualTo(8));
    }

    [Test]
    public async Task DailyExportQuota_UsedUp_1029AtCreateAndEnqueue()
    {
        await using var harness = EmulatorHarness.Create(o => o.DailyExportQuotaBytes = 1000);
        using var waiting = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string waitingId = EmulatorHarness.Result(waiting).GetProperty("exportId").GetString()!;
        byte[] bytes = await harness.ExportBytesAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        using var create = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using var enqueue = await harness.PostAsync($"/bulk/v1/leads/export/{waitingId}/enqueue.json");
        harness.Time.Advance(TimeSpan.FromDays(1));
        await harness.AuthenticateAsync();
        using var nextDay = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        Assert.That(bytes.Length, Is.GreaterThan(1000));
        Assert.That(EmulatorHarness.ErrorCode(create), Is.EqualTo("1029"));
        Assert.That(EmulatorHarness.ErrorMessage(create), Does.Match(@"^Export daily quota \d+MB exceeded\.$"));
        Assert.That(EmulatorHarness.ErrorCode(enqueue), Is.EqualTo("1029"));
        Assert.That(EmulatorHarness.ErrorMessage(enqueue), Does.Match(@"^Export daily quota \d+MB exceeded\.$"));
        Assert.That(nextDay.RootElement.GetProperty("success").GetBoolean(), Is.True);
    }

    [TestCase(31, 0, true)]
    [TestCase(31, 1, false)]
    public async Task Create_DateRange_AtMost31Days(int days, int extraSeconds, bool accepted)
    {
        await using var harness = EmulatorHarness.Create();
        var end = WindowStart.AddDays(days).AddSeconds(extraSeconds);

        using var lead = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, EmulatorHarness.LeadCreatedBody(WindowStart, end));
        using var activity = await harness.PostJsonAsync(EmulatorEndpoints.ActivityExportCreate, EmulatorHarness.ActivityBody(WindowStart, end));

        Assert.That(lead.RootElement.GetProperty("success").GetBoolean(), Is.EqualTo(accepted));
        Assert.That(activity.RootElement.GetProperty("success").GetBoolean(), Is.EqualTo(accepted));
        if (!accepted)
        {
            Assert.That(EmulatorHarness.ErrorCode(lead), Is.EqualTo("1003"));
            Assert.That(EmulatorHarness.ErrorMessage(lead), Does.Contain("31 days"));
        }
    }

    [TestCase("""{"fields":["id"],"filter":{}}""", "1003")]
    [TestCase("""{"fields":["id"],"filter":{"createdAt":{"startAt":"2024-05-01T00:00:00Z","endAt":"2024-05-02T00:00:00Z"},"staticListId":1001}}""", "1003")]
    [TestCase("""{"fields":["id"]}""", "1003")]
    [TestCase("""{"filter":{"createdAt":{"startAt":"2024-05-01T00:00:00Z","endAt":"2024-05-02T00:00:00Z"}}}""", "1003")]
    [TestCase("""{"fields":["nope"],"filter":{"createdAt":{"startAt":"2024-05-01T00:00:00Z","endAt":"2024-05-02T00:00:00Z"}}}""", "1006")]
    [TestCase("""{"fields":["id"],"format":"XLS","filter":{"createdAt":{"startAt":"2024-05-01T00:00:00Z","endAt":"2024-05-02T00:00:00Z"}}}""", "1003")]
    [TestCase("""{"fields":["id"],"filter":{"createdAt":{"startAt":"yesterday","endAt":"2024-05-02T00:00:00Z"}}}""", "1003")]
    [TestCase("""not json""", "609")]
    public async Task CreateLeads_InvalidRequest_Rejected(string body, string code)
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, body);

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo(code), response.RootElement.GetRawText());
    }

    [TestCase("""{"filter":{"activityTypeIds":[1]}}""")]
    [TestCase("""{"filter":{"createdAt":{"startAt":"2024-05-01T00:00:00Z","endAt":"2024-05-02T00:00:00Z"},"activityTypeIds":[1,37]}}""")]
    [TestCase("""{"filter":{"createdAt":{"startAt":"2024-05-01T00:00:00Z","endAt":"2024-05-02T00:00:00Z"},"activityTypeIds":[24],"primaryAttributeValueIds":[1],"primaryAttributeValues":["a"]}}""")]
    public async Task CreateActivities_InvalidRequest_Rejected1003(string body)
    {
        await using var harness = EmulatorHarness.Create();

        using var response = await harness.PostJsonAsync(EmulatorEndpoints.ActivityExportCreate, body);

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("1003"), response.RootElement.GetRawText());
    }

    [Test]
    public async Task CreateLeads_UpdatedAtWithoutSupport_1035()
    {
        await using var harness = EmulatorHarness.Create(o => o.SupportsUpdatedAtFilter = false);
        string body = """{"fields":["id"],"filter":{"updatedAt":{"startAt":"2024-05-01T00:00:00Z","endAt":"2024-05-01T00:00:01Z"}}}""";

        using var updated = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, body);
        using var created = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        Assert.That(EmulatorHarness.ErrorCode(updated), Is.EqualTo("1035"));
        Assert.That(EmulatorHarness.ErrorMessage(updated), Is.EqualTo("Unsupported filter type for target subscription"));
        Assert.That(created.RootElement.GetProperty("success").GetBoolean(), Is.True);
    }

    [Test]
    public async Task UpdatedAtFilter_UsesFieldsUpdatedAtNotVisibleUpdatedAt()
    {
        await using var harness = EmulatorHarness.Create();
        var lead = harness.Emulator.Dataset.Leads.First(l => l.FieldsUpdatedAt > l.UpdatedAt.AddMinutes(1) && l.FieldsUpdatedAt > WindowStart);
        var from = lead.FieldsUpdatedAt.AddSeconds(-1);
        var to = lead.FieldsUpdatedAt;
        string body = """{"fields":["id","updatedAt"],"filter":""" +
            EmulatorHarness.CreatedAtFilter(from, to).Replace("createdAt", "updatedAt", StringComparison.Ordinal) + "}";

        byte[] bytes = await harness.ExportBytesAsync("leads", body);

        var rows = CsvReader.Parse(Encoding.UTF8.GetString(bytes));
        var expected = harness.Emulator.Dataset.Leads.Where(l => l.FieldsUpdatedAt >= from && l.FieldsUpdatedAt <= to).Select(l => l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(rows.Skip(1).Select(r => r[0]), Is.EqualTo(expected));
        Assert.That(rows.Skip(1).Select(r => r[0]), Does.Contain(lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task StaticListFilter_ExportsMembers()
    {
        await using var harness = EmulatorHarness.Create();
        var list = harness.Emulator.Dataset.StaticLists.First(l => l.MemberLeadIds.Count > 3);

        byte[] bytes = await harness.ExportBytesAsync("leads", """{"fields":["id"],"filter":{"staticListId":""" + list.Id + "}}");

        var ids = CsvReader.Parse(Encoding.UTF8.GetString(bytes)).Skip(1).Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(ids, Is.EqualTo(list.MemberLeadIds));
    }

    [Test]
    public async Task ColumnHeaderNames_RenameHeader()
    {
        await using var harness = EmulatorHarness.Create();
        string body = """{"fields":["id","email"],"columnHeaderNames":{"id":"Marketo Id"},"filter":""" +
            EmulatorHarness.CreatedAtFilter(WindowStart, EmulatorHarness.Start) + "}";

        byte[] bytes = await harness.ExportBytesAsync("leads", body);

        Assert.That(Encoding.UTF8.GetString(bytes), Does.StartWith("Marketo Id,email\n"));
    }

    [Test]
    public async Task Cancel_QueuedJob_CancelledAndSlotFreed()
    {
        await using var harness = EmulatorHarness.Create(o => o.ExportProcessingTime = TimeSpan.FromHours(1));
        string first = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string second = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string third = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string waitingStatus = await harness.StatusAsync("leads", third);

        using var cancelled = await harness.PostAsync($"/bulk/v1/leads/export/{first}/cancel.json");
        string startedStatus = await harness.StatusAsync("leads", third);

        Assert.That(waitingStatus, Is.EqualTo("Queued"));
        Assert.That(Status(cancelled), Is.EqualTo("Cancelled"));
        Assert.That(startedStatus, Is.EqualTo("Processing"));
        Assert.That(await harness.StatusAsync("leads", second), Is.EqualTo("Processing"));
        Assert.That(harness.Emulator.Statistics.ExportsCancelled, Is.EqualTo(1));
    }

    [Test]
    public async Task ListJobs_StatusFilterCaseInsensitiveAndPaged()
    {
        await using var harness = EmulatorHarness.Create();
        string done = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string cancelled = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using (await harness.PostAsync($"/bulk/v1/leads/export/{cancelled}/cancel.json"))
        {
        }

        using (await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start)))
        {
        }

        using var filtered = await harness.GetAsync($"{EmulatorEndpoints.LeadExportList}?status=completed,CANCELED");
        using var firstPage = await harness.GetAsync($"{EmulatorEndpoints.LeadExportList}?batchSize=2");
        string token = firstPage.RootElement.GetProperty("nextPageToken").GetString()!;
        using var secondPage = await harness.GetAsync($"{EmulatorEndpoints.LeadExportList}?batchSize=2&nextPageToken={token}");
        using var activities = await harness.GetAsync(EmulatorEndpoints.ActivityExportList);

        var ids = filtered.RootElement.GetProperty("result").EnumerateArray().Select(j => j.GetProperty("exportId").GetString());
        Assert.That(ids, Is.EquivalentTo(new[] { done, cancelled }));
        Assert.That(firstPage.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(2));
        Assert.That(secondPage.RootElement.GetProperty("result").GetArrayLength(), Is.EqualTo(1));
        Assert.That(secondPage.RootElement.TryGetProperty("nextPageToken", out _), Is.False);
        Assert.That(activities.RootElement.GetProperty("result").GetArrayLength(), Is.Zero);
        Assert.That(harness.Emulator.Statistics.ListExportCalls, Is.EqualTo(4));
    }

    [Test]
    public async Task ListJobs_OlderThan7Days_LeftOut()
    {
        await using var harness = EmulatorHarness.Create();
        await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        harness.Time.Advance(TimeSpan.FromDays(7));
        await harness.AuthenticateAsync();
        using var list = await harness.GetAsync(EmulatorEndpoints.LeadExportList);

        Assert.That(list.RootElement.GetProperty("result").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Jobs_VisibleOnlyToTheirApiUser()
    {
        await using var harness = EmulatorHarness.Create(o => o.AdditionalClients.Add(new EmulatorClientCredentials("other-id", "other-secret", "other@example.com")));
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using var token = await EmulatorHarness.ReadJsonAsync(await harness.Http.GetAsync(EmulatorHarness.IdentityPath("other-id", "other-secret")));
        string otherToken = token.RootElement.GetProperty("access_token").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/bulk/v1/leads/export/{id}/status.json");
        request.Headers.Authorization = new("Bearer", otherToken);
        using var status = await EmulatorHarness.ReadJsonAsync(await harness.Http.SendAsync(request));
        using var listRequest = new HttpRequestMessage(HttpMethod.Get, EmulatorEndpoints.LeadExportList);
        listRequest.Headers.Authorization = new("Bearer", otherToken);
        using var list = await EmulatorHarness.ReadJsonAsync(await harness.Http.SendAsync(listRequest));

        Assert.That(token.RootElement.GetProperty("scope").GetString(), Is.EqualTo("other@example.com"));
        Assert.That(EmulatorHarness.ErrorCode(status), Is.EqualTo("1003"));
        Assert.That(list.RootElement.GetProperty("result").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Statistics_CountJobsAndPolls()
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        await harness.StatusAsync("leads", id);
        using var file = await harness.GetFileAsync("leads", id);
        byte[] bytes = await file.Content.ReadAsByteArrayAsync();

        var statistics = harness.Emulator.Statistics;

        Assert.That(statistics.ExportsCreated, Is.EqualTo(1));
        Assert.That(statistics.ExportsEnqueued, Is.EqualTo(1));
        Assert.That(statistics.ExportsCompleted, Is.EqualTo(1));
        Assert.That(statistics.StatusPolls, Is.EqualTo(1));
        Assert.That(statistics.BytesExported, Is.EqualTo(bytes.Length));
        Assert.That(statistics.IdentityCalls, Is.EqualTo(1));
        Assert.That(statistics.CallsByEndpoint[EmulatorEndpoints.LeadExportFile], Is.EqualTo(1));
        statistics.Reset();
        Assert.That(statistics.ExportsCreated, Is.Zero);
        Assert.That(statistics.CallsByEndpoint, Is.Empty);
    }

    private static Task<JsonDocument> StatusAsync(EmulatorHarness harness, string id) =>
        harness.GetAsync($"/bulk/v1/leads/export/{id}/status.json");

    private static string Status(JsonDocument document) =>
        EmulatorHarness.Result(document).GetProperty("status").GetString()!;
}
