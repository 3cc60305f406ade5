using Marketo.Extract.Bulk;
using Marketo.Extract.Models;
using Marketo.Extract.Tests.Bulk.Fakes;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Tests.Bulk;

public class BulkExportJobTests
{
    private static readonly LeadExportRequest LeadRequest = new()
    {
        Fields = ["id", "email"],
        CreatedAt = new DateTimeRange(
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero)),
    };

    [Test]
    public async Task StartAsync_NewJob_CreatesThenEnqueues()
    {
        var subject = CreateSubject();

        var job = await subject.StartAsync();

        Assert.That(subject.Client.Calls, Is.EqualTo(new[] { "create Leads", "enqueue " + job.ExportId }));
        Assert.That(job.Kind, Is.EqualTo(BulkExportObject.Leads));
        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Processing));
        Assert.That(job.Info.QueuedAt, Is.EqualTo(subject.Clock.Started));
    }

    [Test]
    public async Task WaitForCompletionAsync_JobCompletes_ReportsEachState()
    {
        var subject = CreateSubject();
        subject.Client.ProcessingSlots = 0;
        var job = await subject.StartAsync();
        subject.Client.ProcessingSlots = 2;

        var info = await subject.Clock.RunAsync(job.WaitForCompletionAsync());

        var states = subject.Progress.Reports.Select(report => report.State).ToList();
        Assert.That(states, Is.EqualTo(new[]
        {
            BulkExportJobState.Created, BulkExportJobState.Queued, BulkExportJobState.Processing, BulkExportJobState.Completed,
        }));
        Assert.That(info.Status, Is.EqualTo(BulkExportStatus.Completed));
        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Completed));
        Assert.That(subject.Progress.Reports[^1].TotalBytes, Is.EqualTo(info.FileSize));
        Assert.That(subject.Progress.Reports[^1].StartedAt, Is.Not.Null);
    }

    [Test]
    public async Task WaitForCompletionAsync_Defaults_PollsEveryMinute()
    {
        var subject = CreateSubject();
        subject.Client.ProcessingTime = TimeSpan.FromMinutes(10);
        var job = await subject.StartAsync();

        await subject.Clock.RunAsync(job.WaitForCompletionAsync());

        // Once startedAt shows the status boundaries, each poll lands 5 s after one of them.
        Assert.That(subject.Client.CountCalls("status"), Is.EqualTo(10));
        Assert.That(subject.Clock.Elapsed, Is.EqualTo(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5)));
    }

    [TestCase(BulkExportStatus.Created, BulkExportJobState.Created)]
    [TestCase(BulkExportStatus.Queued, BulkExportJobState.Queued)]
    [TestCase(BulkExportStatus.Processing, BulkExportJobState.Processing)]
    [TestCase(BulkExportStatus.Completed, BulkExportJobState.Completed)]
    [TestCase(BulkExportStatus.Failed, BulkExportJobState.Failed)]
    [TestCase(BulkExportStatus.Cancelled, BulkExportJobState.Cancelled)]
    public async Task UpdateStatusAsync_RebuiltJob_TakesMarketoStatus(BulkExportStatus status, BulkExportJobState expected)
    {
        var subject = CreateSubject();
        subject.Client.ProcessingSlots = 0;
        var saved = subject.Client.AddJob(BulkExportObject.Activities, status);
        var job = subject.Rebuild(BulkExportObject.Activities, saved.ExportId);
        var stateBefore = job.State;

        var state = await job.UpdateStatusAsync();

        Assert.That(stateBefore, Is.EqualTo(BulkExportJobState.Unknown));
        Assert.That(state, Is.EqualTo(expected));
        Assert.That(job.State, Is.EqualTo(expected));
        Assert.That(job.Info.ExportId, Is.EqualTo(saved.ExportId));
    }

    [TestCase("Cancelled")]
    [TestCase("Canceled")]
    public async Task UpdateStatusAsync_EitherCancelSpelling_IsCancelled(string rawStatus)
    {
        var subject = CreateSubject();
        var saved = subject.Client.AddJob(BulkExportObject.Leads, BulkExportStatus.Cancelled);
        saved.ReportedStatus = (BulkExportStatus.Cancelled, rawStatus);
        var job = subject.Rebuild(BulkExportObject.Leads, saved.ExportId);

        await job.UpdateStatusAsync();

        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Cancelled));
        Assert.That(job.Info.RawStatus, Is.EqualTo(rawStatus));
    }

    [Test]
    public async Task UpdateStatusAsync_UnknownStatus_KeepsState()
    {
        var subject = CreateSubject();
        var job = await subject.StartAsync();
        subject.Client.Job(job.ExportId).ReportedStatus = (BulkExportStatus.Unknown, "Archived");

        var state = await job.UpdateStatusAsync();

        Assert.That(state, Is.EqualTo(BulkExportJobState.Processing));
        Assert.That(job.Info.RawStatus, Is.EqualTo("Archived"));
        var warning = subject.Logger.Entries.Single(entry => entry.EventId.Name == "BulkExportUnknownStatus");
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Does.Contain("Archived").And.Contain(job.ExportId));
    }

    [Test]
    public async Task WaitForCompletionAsync_UnknownThenCompleted_Completes()
    {
        var subject = CreateSubject();
        var job = await subject.StartAsync();
        var fakeJob = subject.Client.Job(job.ExportId);
        fakeJob.ReportedStatus = (BulkExportStatus.Unknown, "Archived");
        subject.Clock.Advance(TimeSpan.FromMinutes(2));
        await job.UpdateStatusAsync();
        fakeJob.ReportedStatus = null;

        var info = await subject.Clock.RunAsync(job.WaitForCompletionAsync());

        Assert.That(info.Status, Is.EqualTo(BulkExportStatus.Completed));
    }

    [TestCase(null, "1003")]
    [TestCase(null, "610")]
    [TestCase(404, null)]
    public void UpdateStatusAsync_JobLost_ThrowsNotFound(int? httpStatus, string? errorCode)
    {
        var subject = CreateSubject();
        var notFound = new MarketoException("not found") { ErrorCode = errorCode, StatusCode = (System.Net.HttpStatusCode?)httpStatus };
        subject.Client.StatusErrors.Enqueue(notFound);
        var job = subject.Rebuild(BulkExportObject.Leads, "gone-id");

        var error = Assert.ThrowsAsync<BulkExportJobNotFoundException>(() => job.UpdateStatusAsync());

        Assert.That(error.ExportId, Is.EqualTo("gone-id"));
        Assert.That(error.Message, Does.Contain("gone-id").And.Contain("Create a new job"));
        Assert.That(error.InnerException, Is.SameAs(notFound));
    }

    [Test]
    public void UpdateStatusAsync_OtherMarketoError_PassesThrough()
    {
        var subject = CreateSubject();
        var busy = new MarketoException("busy") { ErrorCode = "604" };
        subject.Client.StatusErrors.Enqueue(busy);
        var job = subject.Rebuild(BulkExportObject.Leads, "some-id");

        var error = Assert.ThrowsAsync<MarketoException>(() => job.UpdateStatusAsync());

        Assert.That(error, Is.SameAs(busy));
    }

    [Test]
    public async Task WaitForCompletionAsync_RebuiltCreated_Enqueues()
    {
        var subject = CreateSubject();
        var saved = subject.Client.AddJob(BulkExportObject.Leads, BulkExportStatus.Created);
        var job = subject.Rebuild(BulkExportObject.Leads, saved.ExportId);

        var info = await subject.Clock.RunAsync(job.WaitForCompletionAsync());

        Assert.That(subject.Client.Calls.Take(2), Is.EqualTo(new[] { "status " + saved.ExportId, "enqueue " + saved.ExportId }));
        Assert.That(info.Status, Is.EqualTo(BulkExportStatus.Completed));
        Assert.That(subject.Client.CountCalls("create"), Is.Zero);
    }

    [Test]
    public async Task WaitForCompletionAsync_RebuiltCompleted_Returns()
    {
        var subject = CreateSubject();
        var saved = subject.Client.AddJob(BulkExportObject.Activities, BulkExportStatus.Completed);
        var job = subject.Rebuild(BulkExportObject.Activities, saved.ExportId);

        var info = await job.WaitForCompletionAsync();

        Assert.That(info.FileChecksum, Is.EqualTo(FakeBulkExportClient.Checksum(saved.Content)));
        Assert.That(subject.Client.Calls, Is.EqualTo(new[] { "status " + saved.ExportId }));
        Assert.That(subject.Clock.Elapsed, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task WaitForCompletionAsync_Timeout_CancelsJob()
    {
        var subject = CreateSubject();
        subject.Client.ProcessingTime = TimeSpan.FromHours(10);
        var job = await subject.StartAsync();

        var error = await AssertThrowsAsync<BulkExportTimeoutException>(subject.Clock.RunAsync(job.WaitForCompletionAsync()));

        Assert.That(error.ExportId, Is.EqualTo(job.ExportId));
        Assert.That(error.Timeout, Is.EqualTo(TimeSpan.FromMinutes(180)));
        Assert.That(error.Message, Does.Contain("180 minutes").And.Contain("JobTimeout"));
        Assert.That(job.State, Is.EqualTo(BulkExportJobState.TimedOut));
        Assert.That(subject.Client.Calls[^1], Is.EqualTo("cancel " + job.ExportId));
        Assert.That(subject.Client.Job(job.ExportId).Status, Is.EqualTo(BulkExportStatus.Cancelled));
        Assert.That(subject.Clock.Elapsed, Is.EqualTo(TimeSpan.FromMinutes(180)));
        Assert.That(subject.Logger.Messages("BulkExportJobTimedOut"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task WaitForCompletionAsync_Rebuilt_TimeoutFromQueuedAt()
    {
        var subject = CreateSubject();
        subject.Client.ProcessingTime = TimeSpan.FromHours(10);
        var saved = subject.Client.AddJob(BulkExportObject.Leads, BulkExportStatus.Processing, queuedAgo: TimeSpan.FromMinutes(170));
        var job = subject.Rebuild(BulkExportObject.Leads, saved.ExportId);

        await AssertThrowsAsync<BulkExportTimeoutException>(subject.Clock.RunAsync(job.WaitForCompletionAsync()));

        Assert.That(subject.Clock.Elapsed, Is.EqualTo(TimeSpan.FromMinutes(10)));
    }

    [Test]
    public async Task WaitForCompletionAsync_CallerCancels_CancelsJob()
    {
        var subject = CreateSubject();
        subject.Client.ProcessingTime = TimeSpan.FromHours(10);
        var job = await subject.StartAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30), subject.Clock);

        var wait = subject.Clock.RunAsync(job.WaitForCompletionAsync(cancellation.Token));

        var error = await AssertThrowsAsync<OperationCanceledException>(wait);
        Assert.That(error, Is.Not.InstanceOf<BulkExportTimeoutException>());
        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Cancelled));
        Assert.That(subject.Client.Calls[^1], Is.EqualTo("cancel " + job.ExportId));
        Assert.That(subject.Client.Job(job.ExportId).Status, Is.EqualTo(BulkExportStatus.Cancelled));
        Assert.That(subject.Clock.Elapsed, Is.EqualTo(TimeSpan.FromMinutes(30)));
    }

    [Test]
    public async Task WaitForCompletionAsync_JobFails_ThrowsErrorMsg()
    {
        var subject = CreateSubject();
        subject.Client.OnCreated = created => created.FailWith = "Export failed: internal error";
        var job = await subject.StartAsync();

        var error = await AssertThrowsAsync<BulkExportFailedException>(subject.Clock.RunAsync(job.WaitForCompletionAsync()));

        Assert.That(error.ExportId, Is.EqualTo(job.ExportId));
        Assert.That(error.ErrorMessage, Is.EqualTo("Export failed: internal error"));
        Assert.That(error.Status, Is.EqualTo(BulkExportStatus.Failed));
        Assert.That(error.Message, Does.Contain("Export failed: internal error").And.Contain(job.ExportId));
        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Failed));
    }

    [Test]
    public async Task WaitForCompletionAsync_CancelledElsewhere_ThrowsFailed()
    {
        var subject = CreateSubject();
        var job = await subject.StartAsync();
        subject.Client.Job(job.ExportId).Status = BulkExportStatus.Cancelled;

        var error = await AssertThrowsAsync<BulkExportFailedException>(subject.Clock.RunAsync(job.WaitForCompletionAsync()));

        Assert.That(error.Status, Is.EqualTo(BulkExportStatus.Cancelled));
        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Cancelled));
    }

    [Test]
    public async Task StartAsync_QueueFull_EnqueuesAgain()
    {
        var subject = CreateSubject();
        subject.Client.EnqueueErrors.Enqueue(new MarketoExportQueueFullException("Too many jobs in queue"));

        var job = await subject.Clock.RunAsync(subject.StartAsync());

        Assert.That(subject.Client.CountCalls("enqueue"), Is.EqualTo(2));
        Assert.That(subject.Clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Processing));
        Assert.That(subject.Logger.Entries.Single(entry => entry.EventId.Name == "BulkExportQueueFull").Level, Is.EqualTo(LogLevel.Information));
    }

    [Test]
    public void StartAsync_QuotaOnEnqueue_CancelsJob()
    {
        var subject = CreateSubject();
        var quota = new MarketoQuotaExceededException("Export daily quota 500MB exceeded.") { Quota = MarketoQuotaKind.DailyExportVolume };
        subject.Client.EnqueueErrors.Enqueue(quota);

        var error = Assert.ThrowsAsync<MarketoQuotaExceededException>(() => subject.StartAsync());

        Assert.That(error, Is.SameAs(quota));
        var created = subject.Client.Jobs.Single();
        Assert.That(subject.Client.Calls[^1], Is.EqualTo("cancel " + created.ExportId));
        Assert.That(created.Status, Is.EqualTo(BulkExportStatus.Cancelled));
    }

    [Test]
    public async Task CancelAsync_OpenJob_CancelsOnMarketo()
    {
        var subject = CreateSubject();
        var job = await subject.StartAsync();

        await job.CancelAsync();

        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Cancelled));
        Assert.That(subject.Client.Job(job.ExportId).Status, Is.EqualTo(BulkExportStatus.Cancelled));
    }

    [Test]
    public async Task CancelAsync_CompletedJob_MakesNoCall()
    {
        var subject = CreateSubject();
        var job = await subject.StartAsync();
        await subject.Clock.RunAsync(job.WaitForCompletionAsync());
        var callsBefore = subject.Client.Calls.Count;

        await job.CancelAsync();

        Assert.That(subject.Client.Calls, Has.Count.EqualTo(callsBefore));
        Assert.That(job.State, Is.EqualTo(BulkExportJobState.Completed));
    }

    [Test]
    public async Task FinalState_LaterStatusRead_NeverChangesIt()
    {
        var subject = CreateSubject();
        subject.Client.ProcessingTime = TimeSpan.FromHours(10);
        var job = await subject.StartAsync();
        await AssertThrowsAsync<BulkExportTimeoutException>(subject.Clock.RunAsync(job.WaitForCompletionAsync()));

        var state = await job.UpdateStatusAsync();

        Assert.That(state, Is.EqualTo(BulkExportJobState.TimedOut));
        Assert.That(job.Info.Status, Is.EqualTo(BulkExportStatus.Cancelled));
    }

    [Test]
    public async Task OpenReadAsync_NotCompleted_Throws()
    {
        var subject = CreateSubject();
        var job = await subject.StartAsync();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => job.OpenReadAsync());

        Assert.That(error.Message, Does.Contain("Processing").And.Contain(nameof(BulkExportJob.WaitForCompletionAsync)));
    }

    [Test]
    public void FromExportId_BlankId_Throws()
    {
        var subject = CreateSubject();

        Assert.Throws<ArgumentException>(() => BulkExportJob.FromExportId(subject.Client, BulkExportObject.Leads, " "));
    }

    [Test]
    public void FromExportId_UndefinedKind_ThrowsNamingKinds()
    {
        var subject = CreateSubject();

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => BulkExportJob.FromExportId(subject.Client, (BulkExportObject)7, "id"));

        Assert.That(error.Message, Does.Contain("Leads").And.Contain("Activities"));
    }

    [Test]
    public void StartAsync_InvalidOptions_ThrowsBeforeAnyCall()
    {
        var subject = CreateSubject();
        var options = new BulkExportOptions { MaxJobsInFlight = 0 };

        Assert.Throws<ArgumentOutOfRangeException>(() => BulkExportJob.StartAsync(subject.Client, LeadRequest, options));

        Assert.That(subject.Client.Calls, Is.Empty);
    }

    [Test]
    public async Task ReportRecordsRead_SendsProgressWithRecords()
    {
        var subject = CreateSubject();
        var job = await subject.StartAsync();

        job.ReportRecordsRead(42);

        Assert.That(subject.Progress.Reports[^1].RecordsRead, Is.EqualTo(42));
        Assert.That(subject.Progress.Reports[^1].ExportId, Is.EqualTo(job.ExportId));
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

        Assert.Fail($"Expected {typeof(TException).Name}, but the task completed.");
        throw new InvalidOperationException("unreachable");
    }

    private static Subject CreateSubject() => new();

    private sealed class Subject
    {
        public TestClock Clock { get; } = new();

        public FakeBulkExportClient Client { get; }

        public ListLogger Logger { get; } = new();

        public ListProgress<BulkExportProgress> Progress { get; } = new();

        public BulkExportOptions Options { get; }

        public Subject()
        {
            Client = new FakeBulkExportClient(Clock);
            Options = new BulkExportOptions { Progress = Progress };
        }

        public Task<BulkExportJob> StartAsync() => BulkExportJob.StartAsync(Client, LeadRequest, Options, Clock, Logger);

        public BulkExportJob Rebuild(BulkExportObject kind, string exportId) =>
            BulkExportJob.FromExportId(Client, kind, exportId, Options, Clock, Logger);
    }
}
