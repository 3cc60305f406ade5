using System.Collections.Concurrent;
using Marketo.Extract.Bulk;
using Marketo.Extract.Models;
using Marketo.Extract.Tests.Bulk.Fakes;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Tests.Bulk;

public class BulkExportSchedulerTests
{
    private static readonly DateTimeOffset January = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task RunAsync_JobsFinishOutOfOrder_YieldsInInputOrder()
    {
        var subject = CreateSubject();
        subject.Client.OnCreated = job => job.ProcessingTime = TimeSpan.FromMinutes(20 - (3 * job.Number));
        var items = LeadItems(5);

        var results = await subject.Clock.RunAsync(subject.ConsumeAsync(items));

        Assert.That(results.Select(result => result.Key), Is.EqualTo(items.Select(item => item.Key)));
        foreach (var result in results)
        {
            var fakeJob = subject.Client.Job(result.ExportId);
            Assert.That(result.Bytes, Is.EqualTo(fakeJob.Content), result.Key);
        }

        Assert.That(subject.Tracker.Saved, Is.Empty);
    }

    [Test]
    public async Task RunAsync_SixItems_KeepsSlotsBusy()
    {
        var subject = CreateSubject();
        var items = LeadItems(6);

        var results = await subject.Clock.RunAsync(subject.ConsumeAsync(items));

        Assert.That(results, Has.Count.EqualTo(6));
        Assert.That(subject.Client.MaxOpenJobs, Is.EqualTo(4), "jobs open on Marketo at once");
        Assert.That(subject.Tracker.MaxSaved, Is.LessThanOrEqualTo(4 + 1), "MaxJobsInFlight plus the item being read");
        Assert.That(subject.Client.MaxProcessingJobs, Is.EqualTo(2));
        // 6 jobs of 5 minutes take 15 minutes on 2 busy slots and 30 on one; the margin allows for a slow consumer.
        Assert.That(subject.Clock.Elapsed, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(20)));
    }

    [Test]
    public async Task RunAsync_ThreeRunningJobs_PollsWithListCall()
    {
        var subject = CreateSubject();
        subject.Client.ProcessingSlots = 3;
        subject.Client.ProcessingTime = TimeSpan.FromMinutes(10);
        var items = ActivityItems(3);

        await subject.Clock.RunAsync(subject.ConsumeAsync(items));

        var listCalls = subject.Client.CountCalls("list");
        var statusCalls = subject.Client.CountCalls("status");
        var statusCallsOneByOne = 3 * 10;
        Assert.That(listCalls, Is.EqualTo(10), "one list call per minute while the jobs run");
        Assert.That(statusCalls, Is.EqualTo(3), "one status call per job once it left the list of running jobs");
        Assert.That(listCalls + statusCalls, Is.LessThan(statusCallsOneByOne));
        TestContext.Out.WriteLine(
            $"Polling 3 jobs for 10 minutes: {listCalls + statusCalls} calls instead of {statusCallsOneByOne}, " +
            $"{statusCallsOneByOne - listCalls - statusCalls} saved.");
    }

    [Test]
    public async Task RunAsync_OneRunningJob_PollsWithStatusCalls()
    {
        var subject = CreateSubject();
        subject.Client.ProcessingTime = TimeSpan.FromMinutes(3);

        await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(1)));

        Assert.That(subject.Client.CountCalls("list"), Is.Zero);
        Assert.That(subject.Client.CountCalls("status"), Is.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_FileNotFound_RecreatesOnce()
    {
        var subject = CreateSubject();
        subject.Client.OnCreated = job => job.FileNotFoundResponses = job.Number == 1 ? 1 : 0;
        var items = LeadItems(2);

        var results = await subject.Clock.RunAsync(subject.ConsumeAsync(items));

        var first = subject.Client.Jobs[0].ExportId;
        var replacement = subject.Client.Jobs[2].ExportId;
        Assert.That(results[0].ExportId, Is.EqualTo(replacement));
        Assert.That(results[0].Bytes, Is.EqualTo(subject.Client.Jobs[2].Content));
        Assert.That(subject.Tracker.Calls, Does.Contain($"discarded leads-1 {first}"));
        Assert.That(subject.Tracker.Calls, Does.Contain($"created leads-1 {replacement}"));
        var warning = subject.Logger.Entries.Single(entry => entry.EventId.Name == "BulkExportRecreatingAfterFileNotFound");
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Does.Contain(first).And.Contain("leads-1"));
        Assert.That(subject.Tracker.Saved, Is.Empty);
    }

    [Test]
    public async Task RunAsync_FileNotFoundTwice_ThrowsClearError()
    {
        var subject = CreateSubject();
        subject.Client.OnCreated = job => job.FileNotFoundResponses = 1;

        var error = await AssertThrowsAsync<MarketoExportFileNotFoundException>(
            subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(1))));

        var first = subject.Client.Jobs[0].ExportId;
        var second = subject.Client.Jobs[1].ExportId;
        Assert.That(error.ExportId, Is.EqualTo(second));
        Assert.That(error.Message, Does.Contain(first).And.Contain(second).And.Contain("leads-1").And.Contain("7 days"));
        Assert.That(subject.Client.Jobs, Has.Count.EqualTo(2));
        Assert.That(subject.Tracker.Saved, Is.Empty);
    }

    [Test]
    public async Task RunAsync_JobFails_RecreatesOnce()
    {
        var subject = CreateSubject();
        subject.Client.OnCreated = job => job.FailWith = job.Number == 1 ? "Internal error" : null;

        var results = await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(1)));

        Assert.That(results.Single().ExportId, Is.EqualTo(subject.Client.Jobs[1].ExportId));
        var warning = subject.Logger.Entries.Single(entry => entry.EventId.Name == "BulkExportRecreatingAfterFailure");
        Assert.That(warning.Message, Does.Contain("Internal error").And.Contain(subject.Client.Jobs[0].ExportId));
    }

    [Test]
    public async Task RunAsync_JobFailsTwice_ThrowsFailed()
    {
        var subject = CreateSubject();
        subject.Client.OnCreated = job => job.FailWith = "Internal error " + job.Number;

        var error = await AssertThrowsAsync<BulkExportFailedException>(subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(1))));

        Assert.That(error.ExportId, Is.EqualTo(subject.Client.Jobs[1].ExportId));
        Assert.That(error.ErrorMessage, Is.EqualTo("Internal error 2"));
        Assert.That(error.Message, Does.Contain(subject.Client.Jobs[0].ExportId).And.Contain("failed twice"));
        Assert.That(subject.Client.Jobs, Has.Count.EqualTo(2));
        Assert.That(subject.Tracker.Saved, Is.Empty);
    }

    [Test]
    public async Task RunAsync_QueueFull_RetriesEnqueueLater()
    {
        var subject = CreateSubject();
        subject.Client.EnqueueErrors.Enqueue(new MarketoExportQueueFullException("Too many jobs in queue") { ErrorCode = "1029" });

        var results = await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(3)));

        Assert.That(results, Has.Count.EqualTo(3));
        var first = subject.Client.Jobs[0].ExportId;
        var calls = subject.Client.CallsAt.Select(call => call.Call).ToList();
        Assert.That(calls.Take(4), Is.EqualTo(new[] { "create Leads", "enqueue " + first, "enqueue " + first, "create Leads" }));
        var enqueues = subject.Client.CallsAt.Where(call => call.Call == "enqueue " + first).ToList();
        Assert.That(enqueues[1].At - enqueues[0].At, Is.EqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public async Task RunAsync_QueueHeldByOthers_LowersInFlight()
    {
        var subject = CreateSubject();
        subject.Client.OtherIntegrationsQueued = 9;

        var results = await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(4)));

        Assert.That(results.Select(result => result.Key), Is.EqualTo(LeadItems(4).Select(item => item.Key)));
        Assert.That(subject.Client.MaxOpenJobs, Is.EqualTo(2), "one job in the only free queue place, one waiting in Created");
        Assert.That(subject.Client.Jobs, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task RunAsync_QuotaUsedUp_KeepsSavedJobs()
    {
        var subject = CreateSubject();
        var quota = QuotaExceeded();
        subject.Client.EnqueueFault = job => job.Number == 3 ? quota : null;

        var error = await AssertThrowsAsync<MarketoQuotaExceededException>(
            subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(5))));

        Assert.That(error, Is.SameAs(quota));
        Assert.That(error.ResetsAt, Is.EqualTo(quota.ResetsAt));
        var jobs = subject.Client.Jobs;
        Assert.That(jobs, Has.Count.EqualTo(3));
        Assert.That(subject.Tracker.Saved, Is.EqualTo(new Dictionary<string, string>
        {
            ["leads-1"] = jobs[0].ExportId,
            ["leads-2"] = jobs[1].ExportId,
            ["leads-3"] = jobs[2].ExportId,
        }));
        Assert.That(subject.Client.CountCalls("cancel"), Is.Zero);
        Assert.That(jobs[2].Status, Is.EqualTo(BulkExportStatus.Created));
        Assert.That(subject.Logger.Messages("BulkExportQuotaStop").Single(), Does.Contain("3 saved jobs"));
        await AssertNoCallsWhileTimePassesAsync(subject);
    }

    [Test]
    public async Task RunAsync_QuotaAfterCompleted_HandsThoseOutFirst()
    {
        // With 3 in flight the fourth job is enqueued only after the first two completed.
        var subject = CreateSubject(options => options.MaxJobsInFlight = 3);
        var quota = QuotaExceeded();
        subject.Client.EnqueueFault = job => job.Number == 4 ? quota : null;
        var received = new List<string>();

        await AssertThrowsAsync<MarketoQuotaExceededException>(
            subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(4), item => received.Add(item.Key))));

        Assert.That(received, Is.EqualTo(new[] { "leads-1", "leads-2" }));
        Assert.That(subject.Tracker.Saved.Keys, Is.EquivalentTo(new[] { "leads-3", "leads-4" }));
        Assert.That(subject.Client.CountCalls("cancel"), Is.Zero);
    }

    [Test]
    public async Task RunAsync_QuotaOnFileOpen_KeepsSavedJobs()
    {
        var subject = CreateSubject();
        var quota = new MarketoQuotaExceededException("Daily quota reached") { ErrorCode = "607", Quota = MarketoQuotaKind.DailyApiCalls };
        subject.Client.OpenFault = job => job.Number == 2 ? quota : null;

        var error = await AssertThrowsAsync<MarketoQuotaExceededException>(
            subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(4))));

        Assert.That(error, Is.SameAs(quota));
        Assert.That(subject.Client.CountCalls("cancel"), Is.Zero);
        var saved = subject.Tracker.Saved;
        Assert.That(saved.Keys, Does.Contain("leads-2").And.Contain("leads-3").And.Not.Contain("leads-1"));
        Assert.That(saved.Values, Is.EquivalentTo(subject.Client.Jobs.Skip(1).Select(job => job.ExportId)), "every job after the one read");
    }

    [Test]
    public async Task RunAsync_ConsumerStopsEarly_CancelsOpenJobs()
    {
        var subject = CreateSubject();
        KeepLaterJobsOpen(subject);

        await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(5), stopAfter: 1));

        var jobs = subject.Client.Jobs;
        Assert.That(jobs.Where(job => job.IsOpen), Is.Empty, "no job is left open on Marketo");
        var cancelled = jobs.Where(job => job.Status == BulkExportStatus.Cancelled).Select(job => job.ExportId).ToList();
        var completed = jobs.Where(job => job.Status == BulkExportStatus.Completed).Select(job => job.ExportId).ToList();
        Assert.That(cancelled, Is.Not.Empty);
        Assert.That(subject.Tracker.Saved.Values, Is.EquivalentTo(completed), "Completed jobs stay saved, cancelled ones are forgotten");
        Assert.That(subject.Tracker.Saved.Keys, Does.Contain("leads-1"), "the item being read stays saved");
        await AssertNoCallsWhileTimePassesAsync(subject);
    }

    [Test]
    public async Task RunAsync_CallerCancels_CancelsOpenJobs()
    {
        var subject = CreateSubject();
        KeepLaterJobsOpen(subject);
        using var cancellation = new CancellationTokenSource();

        var consume = subject.ConsumeAsync(LeadItems(5), _ => cancellation.Cancel(), cancellationToken: cancellation.Token);

        await AssertThrowsAsync<OperationCanceledException>(subject.Clock.RunAsync(consume));
        Assert.That(subject.Client.Jobs.Where(job => job.IsOpen), Is.Empty);
        Assert.That(subject.Client.CountCalls("cancel"), Is.GreaterThan(0));
        var completed = subject.Client.Jobs.Where(job => job.Status == BulkExportStatus.Completed).Select(job => job.ExportId);
        Assert.That(subject.Tracker.Saved.Values, Is.EquivalentTo(completed));
        await AssertNoCallsWhileTimePassesAsync(subject);
    }

    [Test]
    public async Task RunAsync_SavedJobs_PicksThemUp()
    {
        var subject = CreateSubject(options => options.MaxJobsInFlight = 10);
        var completed = subject.Client.AddJob(BulkExportObject.Leads, BulkExportStatus.Completed);
        var processing = subject.Client.AddJob(BulkExportObject.Leads, BulkExportStatus.Processing);
        var created = subject.Client.AddJob(BulkExportObject.Leads, BulkExportStatus.Created);
        var failed = subject.Client.AddJob(BulkExportObject.Leads, BulkExportStatus.Failed);
        var cancelled = subject.Client.AddJob(BulkExportObject.Leads, BulkExportStatus.Cancelled);
        var saved = new[] { completed.ExportId, processing.ExportId, created.ExportId, "forgotten-id", failed.ExportId, cancelled.ExportId };
        foreach (var (exportId, index) in saved.Select((id, index) => (id, index)))
        {
            await subject.Tracker.JobCreatedAsync($"leads-{index + 1}", exportId, CancellationToken.None);
        }

        var items = saved.Select((exportId, index) => LeadItem(index + 1, exportId)).ToList();
        var results = await subject.Clock.RunAsync(subject.ConsumeAsync(items));

        Assert.That(results.Select(result => result.Key), Is.EqualTo(items.Select(item => item.Key)));
        Assert.That(results.Take(3).Select(result => result.ExportId), Is.EqualTo(saved.Take(3)));
        Assert.That(subject.Client.CountCalls("create"), Is.EqualTo(3), "for the forgotten, failed and cancelled jobs");
        Assert.That(subject.Client.Calls, Does.Contain("enqueue " + created.ExportId));
        Assert.That(subject.Tracker.Calls, Does.Contain("discarded leads-4 forgotten-id"));
        Assert.That(subject.Logger.Messages("BulkExportSavedJobNotFound").Single(), Does.Contain("forgotten-id"));
        Assert.That(subject.Tracker.Saved, Is.Empty);
    }

    [Test]
    public async Task RunAsync_RunningJobLost_RecreatesOnce()
    {
        var subject = CreateSubject();
        subject.Client.StatusErrors.Enqueue(new MarketoException("Invalid data") { ErrorCode = "1003" });

        var results = await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(1)));

        Assert.That(subject.Client.Jobs, Has.Count.EqualTo(2));
        Assert.That(results.Single().ExportId, Is.EqualTo(subject.Client.Jobs[1].ExportId));
        Assert.That(subject.Logger.Messages("BulkExportRecreatingLostJob").Single(), Does.Contain(subject.Client.Jobs[0].ExportId));
    }

    [Test]
    public async Task RunAsync_JobTimesOut_CancelsJob()
    {
        var subject = CreateSubject(options => options.JobTimeout = TimeSpan.FromMinutes(30));
        subject.Client.ProcessingTime = TimeSpan.FromHours(10);

        var error = await AssertThrowsAsync<BulkExportTimeoutException>(subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(1))));

        var job = subject.Client.Jobs.Single();
        Assert.That(error.ExportId, Is.EqualTo(job.ExportId));
        Assert.That(error.Timeout, Is.EqualTo(TimeSpan.FromMinutes(30)));
        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Cancelled));
        Assert.That(subject.Tracker.Saved, Is.Empty);

        // The first poll after the deadline notices it, 5 s after a status boundary.
        Assert.That(subject.Clock.Elapsed, Is.EqualTo(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task RunAsync_NewJob_SavedBeforeEnqueue()
    {
        var subject = CreateSubject();
        var events = new ConcurrentQueue<string>();
        subject.Client.EventLog = events;
        subject.Tracker.EventLog = events;

        await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(3)));

        var log = events.ToList();
        foreach (var job in subject.Client.Jobs)
        {
            var saved = log.IndexOf($"created leads-{job.Number} {job.ExportId}");
            var enqueued = log.IndexOf("enqueue " + job.ExportId);
            var finished = log.IndexOf($"finished leads-{job.Number} {job.ExportId}");
            Assert.That(saved, Is.GreaterThanOrEqualTo(0).And.LessThan(enqueued), job.ExportId);
            Assert.That(finished, Is.GreaterThan(log.IndexOf($"open {job.ExportId}@0")), job.ExportId);
        }
    }

    [Test]
    public async Task RunAsync_CreateFails_CancelsOpenJobs()
    {
        var subject = CreateSubject();
        var denied = new MarketoException("Access denied") { ErrorCode = "603" };
        subject.Client.CreateFault = call => call == 2 ? denied : null;

        var error = await AssertThrowsAsync<MarketoException>(subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(3))));

        Assert.That(error, Is.SameAs(denied));
        var job = subject.Client.Jobs.Single();
        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Cancelled));
        Assert.That(subject.Tracker.Saved, Is.Empty);
        await AssertNoCallsWhileTimePassesAsync(subject);
    }

    [Test]
    public async Task RunAsync_CreateResponseLost_CancelsStrayJobAndCreatesAgain()
    {
        var subject = CreateSubject();
        var lost = new MarketoException("Creating the leads export job failed: HTTP 502.")
        {
            StatusCode = System.Net.HttpStatusCode.BadGateway,
            ExportMayExist = true,
        };
        subject.Client.CreateResponseFault = call => call == 1 ? lost : null;

        await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(1)));

        Assert.That(subject.Client.Jobs, Has.Count.EqualTo(2));
        Assert.That(subject.Client.Jobs[0].Status, Is.EqualTo(BulkExportStatus.Cancelled));
        Assert.That(subject.Client.Jobs[1].Status, Is.EqualTo(BulkExportStatus.Completed));
        Assert.That(subject.Tracker.Saved, Is.Empty);
    }

    [Test]
    public async Task RunAsync_TrackerFails_CancelsUnsavedJob()
    {
        var subject = CreateSubject();
        var storeDown = new IOException("The cursor store is unavailable.");
        subject.Tracker.FailNextCreated = storeDown;

        var error = await AssertThrowsAsync<IOException>(subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(2))));

        Assert.That(error, Is.SameAs(storeDown));
        var job = subject.Client.Jobs.Single();
        Assert.That(job.Status, Is.EqualTo(BulkExportStatus.Cancelled));
        Assert.That(subject.Client.CountCalls("enqueue"), Is.Zero);
        Assert.That(subject.Tracker.Calls.Where(call => call.StartsWith("discarded", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void RunAsync_DuplicateKeys_ThrowsNamingKey()
    {
        var subject = CreateSubject();
        var items = new[] { LeadItem(1), LeadItem(1) };

        var error = Assert.ThrowsAsync<ArgumentException>(() => subject.Clock.RunAsync(subject.ConsumeAsync(items)));

        Assert.That(error.Message, Does.Contain("'leads-1'"));
    }

    [Test]
    public async Task RunAsync_NoWorkItems_MakesNoCalls()
    {
        var subject = CreateSubject();

        var results = await subject.Clock.RunAsync(subject.ConsumeAsync([]));

        Assert.That(results, Is.Empty);
        Assert.That(subject.Client.Calls, Is.Empty);
    }

    [Test]
    public async Task RunAsync_Progress_CarriesKeyAndBytes()
    {
        var subject = CreateSubject();

        await subject.Clock.RunAsync(subject.ConsumeAsync(LeadItems(2)));

        var finalReports = subject.Progress.Reports.Where(report => report.BytesDownloaded > 0).ToList();
        Assert.That(finalReports.Select(report => report.Key).Distinct(), Is.EqualTo(new[] { "leads-1", "leads-2" }));
        Assert.That(finalReports.All(report => report.BytesDownloaded == report.TotalBytes), Is.True);
    }

    [Test]
    public void RunAsync_NullWorkItems_ThrowsAtCall()
    {
        var subject = CreateSubject();

        Assert.Throws<ArgumentNullException>(() => subject.Scheduler.RunAsync(null!));
    }

    [Test]
    public void Constructor_InvalidOptions_ThrowsNamingOption()
    {
        var clock = new TestClock();

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => _ = new BulkExportScheduler(new FakeBulkExportClient(clock), new BulkExportOptions { MaxJobsInFlight = 11 }));

        Assert.That(error.Message, Does.Contain("MaxJobsInFlight is 11"));
    }

    private static MarketoQuotaExceededException QuotaExceeded() =>
        new("Export daily quota 500MB exceeded.")
        {
            ErrorCode = "1029",
            Quota = MarketoQuotaKind.DailyExportVolume,
            ResetsAt = new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero),
        };

    private static List<BulkExportWorkItem> LeadItems(int count) =>
        Enumerable.Range(1, count).Select(number => LeadItem(number)).ToList();

    private static BulkExportWorkItem LeadItem(int number, string? savedExportId = null)
    {
        var start = January.AddDays(31 * (number - 1));
        var request = new LeadExportRequest { Fields = ["id", "email"], CreatedAt = new DateTimeRange(start, start.AddDays(31)) };
        return BulkExportWorkItem.ForLeads($"leads-{number}", request, savedExportId);
    }

    private static List<BulkExportWorkItem> ActivityItems(int count) =>
        Enumerable.Range(1, count)
            .Select(number => BulkExportWorkItem.ForActivities(
                $"activities-{number}",
                new ActivityExportRequest
                {
                    CreatedAt = new DateTimeRange(January.AddDays(31 * (number - 1)), January.AddDays(31 * number)),
                    ActivityTypeIds = [1, 2, 12],
                }))
            .ToList();

    /// <summary>
    /// Makes every job after the first take an hour, so that they are still open when the consumer stops after the
    /// first, even on a loaded machine where the test clock moves on before the consumer's next step.
    /// </summary>
    private static void KeepLaterJobsOpen(Subject subject) =>
        subject.Client.OnCreated = job => job.ProcessingTime = job.Number == 1 ? TimeSpan.FromMinutes(5) : TimeSpan.FromHours(1);

    private static async Task AssertNoCallsWhileTimePassesAsync(Subject subject)
    {
        var callsBefore = subject.Client.Calls.Count;
        await Task.Delay(20);

        subject.Clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(20);

        Assert.That(subject.Client.Calls, Has.Count.EqualTo(callsBefore), "no call after the run ended");
    }

    private static async Task<TException> AssertThrowsAsync<TException>(Task task)
        where TException : Exception
    {
        try
        {
            await task;
        }
        catch (TException exception)
        {
            return exception;
        }

        Assert.Fail($"Expected {typeof(TException).Name}, but the run completed.");
        throw new InvalidOperationException("unreachable");
    }

    private static Subject CreateSubject(Action<BulkExportOptions>? configure = null) => new(configure);

    private sealed record Result(string Key, string ExportId, byte[] Bytes);

    private sealed class Subject
    {
        public Subject(Action<BulkExportOptions>? configure)
        {
            Client = new FakeBulkExportClient(Clock);
            var options = new BulkExportOptions { Progress = Progress };
            configure?.Invoke(options);
            Scheduler = new BulkExportScheduler(Client, options, Clock, Logger);
        }

        public TestClock Clock { get; } = new();

        public FakeBulkExportClient Client { get; }

        public RecordingJobTracker Tracker { get; } = new();

        public ListLogger Logger { get; } = new();

        public ListProgress<BulkExportProgress> Progress { get; } = new();

        public BulkExportScheduler Scheduler { get; }

        /// <summary>Runs the scheduler and reads every file, stopping after <paramref name="stopAfter"/> items if set.</summary>
        public async Task<List<Result>> ConsumeAsync(
            IEnumerable<BulkExportWorkItem> items,
            Action<CompletedBulkExport>? onItem = null,
            int? stopAfter = null,
            CancellationToken cancellationToken = default)
        {
            var results = new List<Result>();
            await foreach (var completed in Scheduler.RunAsync(items, Tracker, cancellationToken))
            {
                await using var stream = await completed.OpenReadAsync(cancellationToken);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken);
                results.Add(new Result(completed.Key, completed.ExportId, copy.ToArray()));
                onItem?.Invoke(completed);
                if (results.Count == stopAfter)
                {
                    break;
                }
            }

            return results;
        }
    }
}
