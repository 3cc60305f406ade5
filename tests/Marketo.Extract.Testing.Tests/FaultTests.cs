using System.Net;

namespace Marketo.Extract.Testing.Tests;

public sealed class FaultTests
{
    private static readonly DateTimeOffset WindowStart = EmulatorHarness.Start.AddDays(-30);

    [Test]
    public async Task ReturnError_AtThirdCallTwice_ThenNormal()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.ReturnError("611", EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.Campaigns, afterMatches: 2), times: 2);
        var codes = new List<string>();

        for (int i = 0; i < 5; i++)
        {
            using var response = await harness.GetAsync(EmulatorEndpoints.Campaigns);
            codes.Add(response.RootElement.GetProperty("success").GetBoolean() ? "ok" : EmulatorHarness.ErrorCode(response));
        }

        using var other = await harness.GetAsync(EmulatorEndpoints.StaticLists);
        Assert.That(codes, Is.EqualTo(new[] { "ok", "ok", "611", "611", "ok" }));
        Assert.That(other.RootElement.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(harness.Emulator.Statistics.ErrorsByCode["611"], Is.EqualTo(2));
    }

    [Test]
    public async Task ReturnError_Predicate_SelectsCalls()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.ReturnError("604", new EmulatorCallMatch { Predicate = call => call.CallNumber % 2 == 0 }, times: int.MaxValue);

        using var first = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        using var second = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        Assert.That(first.RootElement.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(EmulatorHarness.ErrorCode(second), Is.EqualTo("604"));
        Assert.That(EmulatorHarness.ErrorMessage(second), Is.EqualTo("Request timed out"));
    }

    [Test]
    public async Task ReturnHttpStatus_PlainServerError()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.ReturnHttpStatus(503);

        using var response = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, EmulatorEndpoints.ActivityTypes));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task ReturnError_OnIdentity_OnlyWhenAimedThere()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.ReturnHttpStatus(502, EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.Identity));

        using var failed = await harness.Http.GetAsync(EmulatorHarness.IdentityPath());
        using var recovered = await harness.Http.GetAsync(EmulatorHarness.IdentityPath());

        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(recovered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delay_HoldsCallUntilClockAdvances()
    {
        await using var harness = EmulatorHarness.Create();
        await harness.AuthenticateAsync();
        harness.Emulator.Faults.Delay(TimeSpan.FromSeconds(30));

        var pending = harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        while (harness.Emulator.Statistics.CallsInFlight == 0)
        {
            await Task.Delay(5);
        }

        await Task.Delay(20);
        bool finishedEarly = pending.IsCompleted;
        await EmulatorHarness.AdvanceUntilAsync(harness.Time, TimeSpan.FromSeconds(30), pending);
        using var response = await pending;

        Assert.That(finishedEarly, Is.False);
        Assert.That(response.RootElement.GetProperty("success").GetBoolean(), Is.True);
    }

    [Test]
    public async Task DropConnection_DownloadCutOffPartWay()
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        harness.Emulator.Faults.DropConnection(100, EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.LeadExportFile));

        async Task ReadAsync()
        {
            using var response = await harness.GetFileAsync("leads", id);
            await response.Content.ReadAsByteArrayAsync();
        }

        Assert.That(ReadAsync, Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());
        using var retry = await harness.GetFileAsync("leads", id);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task FailExports_JobFailsWithErrorMessage()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.FailExports(errorMessage: "disk full");

        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using var status = await harness.GetAsync($"/bulk/v1/leads/export/{id}/status.json");
        using var file = await harness.GetFileAsync("leads", id);

        var job = EmulatorHarness.Result(status);
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("Failed"));
        Assert.That(job.GetProperty("errorMsg").GetString(), Is.EqualTo("disk full"));
        Assert.That(job.TryGetProperty("fileSize", out _), Is.False);
        Assert.That(job.TryGetProperty("finishedAt", out _), Is.True);
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(harness.Emulator.Statistics.ExportsFailed, Is.EqualTo(1));
    }

    [Test]
    public async Task LoseExportFiles_CompletedButFile404()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.LoseExportFiles();

        string lost = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string kept = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        using var lostFile = await harness.GetFileAsync("leads", lost);
        using var keptFile = await harness.GetFileAsync("leads", kept);

        Assert.That(await harness.StatusAsync("leads", lost), Is.EqualTo("Completed"));
        Assert.That(lostFile.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(keptFile.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RemoveExportFile_CompletedButFile404()
    {
        await using var harness = EmulatorHarness.Create();
        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        harness.Emulator.Faults.RemoveExportFile(id);
        using var file = await harness.GetFileAsync("leads", id);

        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(() => harness.Emulator.Faults.RemoveExportFile("no-such-id"), Throws.ArgumentException);
    }

    [Test]
    public async Task OccupyExportQueue_FullQueueRejectsEnqueue()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.OccupyExportQueue(10);
        using var created = await harness.PostJsonAsync(EmulatorEndpoints.LeadExportCreate, EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string id = EmulatorHarness.Result(created).GetProperty("exportId").GetString()!;

        using var rejected = await harness.PostAsync($"/bulk/v1/leads/export/{id}/enqueue.json");
        harness.Emulator.Faults.ReleaseExportQueue();
        using var accepted = await harness.PostAsync($"/bulk/v1/leads/export/{id}/enqueue.json");

        Assert.That(EmulatorHarness.ErrorMessage(rejected), Is.EqualTo("Too many jobs in queue"));
        Assert.That(accepted.RootElement.GetProperty("success").GetBoolean(), Is.True);
    }

    [Test]
    public async Task OccupyExportQueue_ForDuration_JobWaitsInQueued()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.OccupyExportQueue(3, TimeSpan.FromMinutes(10));

        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));
        string waiting = await harness.StatusAsync("leads", id);
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        string done = await harness.StatusAsync("leads", id);

        Assert.That(waiting, Is.EqualTo("Queued"));
        Assert.That(done, Is.EqualTo("Completed"));
    }

    [Test]
    public async Task ExhaustExportQuota_CreateGets1029WithMarketoText()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.ExhaustExportQuota();

        using var response = await harness.PostJsonAsync(EmulatorEndpoints.ActivityExportCreate, EmulatorHarness.ActivityBody(WindowStart, EmulatorHarness.Start));

        Assert.That(EmulatorHarness.ErrorCode(response), Is.EqualTo("1029"));
        Assert.That(EmulatorHarness.ErrorMessage(response), Is.EqualTo("Export daily quota 500MB exceeded."));
    }

    [Test]
    public async Task ExpireTokensAfter_TokenRunsOutMidSync()
    {
        await using var harness = EmulatorHarness.Create();
        await harness.AuthenticateAsync();
        harness.Emulator.Faults.ExpireTokensAfter(2);

        using var first = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        using var second = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        using var third = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        await harness.AuthenticateAsync();
        using var renewed = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        Assert.That(first.RootElement.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(second.RootElement.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(EmulatorHarness.ErrorCode(third), Is.EqualTo("602"));
        Assert.That(renewed.RootElement.GetProperty("success").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Storm_AllErrors_ThenStopped()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.StartStorm(new EmulatorStormOptions { ErrorProbability = 1, ErrorCodes = ["713"], ServerErrorProbability = 0 });

        using var failed = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);
        harness.Emulator.Faults.StopStorm();
        using var calm = await harness.GetAsync(EmulatorEndpoints.ActivityTypes);

        Assert.That(EmulatorHarness.ErrorCode(failed), Is.EqualTo("713"));
        Assert.That(calm.RootElement.GetProperty("success").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Storm_SeededMix_SameSeedSameOutcomes()
    {
        var storm = new EmulatorStormOptions { Seed = 7, ErrorProbability = 0.3, ServerErrorProbability = 0.1 };

        var first = await StormOutcomesAsync(storm);
        var second = await StormOutcomesAsync(storm);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain("ok"));
        Assert.That(first.Count(o => o != "ok"), Is.GreaterThan(5));
    }

    [Test]
    public async Task Storm_ExportFailures_JobsFail()
    {
        await using var harness = EmulatorHarness.Create();
        harness.Emulator.Faults.StartStorm(new EmulatorStormOptions { ErrorProbability = 0, ServerErrorProbability = 0, ExportFailureProbability = 1 });

        string id = await harness.StartExportAsync("leads", EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start));

        Assert.That(await harness.StatusAsync("leads", id), Is.EqualTo("Failed"));
    }

    [Test]
    public void StormOptions_ProbabilityOutOfRange_Throws()
    {
        var emulator = new MarketoEmulator(new MarketoEmulatorOptions { LeadCount = 10, ActivityCount = 10 });

        Assert.That(() => emulator.Faults.StartStorm(new EmulatorStormOptions { ErrorProbability = 1.5 }), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private static async Task<List<string>> StormOutcomesAsync(EmulatorStormOptions storm)
    {
        await using var harness = EmulatorHarness.Create();
        await harness.AuthenticateAsync();
        harness.Emulator.Faults.StartStorm(storm);
        var outcomes = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            using var response = await harness.SendAsync(new HttpRequestMessage(HttpMethod.Get, EmulatorEndpoints.ActivityTypes));
            string body = await response.Content.ReadAsStringAsync();
            outcomes.Add(response.StatusCode != HttpStatusCode.OK ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : body.Contains("\"success\":true", StringComparison.Ordinal) ? "ok" : body[..Math.Min(80, body.Length)].Split("code\":\"")[^1][..3]);
        }

        return outcomes;
    }
}
