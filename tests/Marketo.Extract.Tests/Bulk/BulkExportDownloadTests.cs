using System.Text;
using Marketo.Extract.Bulk;
using Marketo.Extract.Models;
using Marketo.Extract.Tests.Bulk.Fakes;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Tests.Bulk;

public class BulkExportDownloadTests
{
    private static readonly byte[] FileBytes = Encoding.UTF8.GetBytes(
        "id,email\n" + string.Concat(Enumerable.Range(1, 40).Select(i => $"{i},lead{i}@example.com\n")));

    [Test]
    public async Task Read_WholeFile_EqualsFileAndReportsBytes()
    {
        var subject = await CreateSubjectAsync();

        var bytes = await subject.Clock.RunAsync(subject.ReadAllAsync());

        Assert.That(bytes, Is.EqualTo(FileBytes));
        Assert.That(subject.Client.CountCalls("open"), Is.EqualTo(1));
        var last = subject.Progress.Reports[^1];
        Assert.That(last.BytesDownloaded, Is.EqualTo(FileBytes.Length));
        Assert.That(last.TotalBytes, Is.EqualTo(FileBytes.Length));
    }

    [Test]
    public async Task Read_ConnectionDropsTwice_Resumes()
    {
        var subject = await CreateSubjectAsync();
        subject.FakeJob.ConnectionDropsAt.Enqueue(100);
        subject.FakeJob.ConnectionDropsAt.Enqueue(250);

        var bytes = await subject.Clock.RunAsync(subject.ReadAllAsync(bufferSize: 64));

        Assert.That(bytes, Is.EqualTo(FileBytes));
        var opens = subject.Client.Calls.Where(call => call.StartsWith("open", StringComparison.Ordinal));
        Assert.That(opens, Is.EqualTo(new[]
        {
            $"open {subject.Job.ExportId}@0", $"open {subject.Job.ExportId}@100", $"open {subject.Job.ExportId}@250",
        }));
        var resumes = subject.Logger.Entries.Where(entry => entry.EventId.Name == "BulkExportDownloadResuming").ToList();
        Assert.That(resumes, Has.Count.EqualTo(2));
        Assert.That(resumes.Select(entry => entry.Level), Is.All.EqualTo(LogLevel.Information));
        Assert.That(resumes[1].Message, Does.Contain("byte 250 of " + FileBytes.Length));
    }

    [Test]
    public async Task Read_ResponseEndsShortOfContentLength_Resumes()
    {
        var subject = await CreateSubjectAsync();
        subject.FakeJob.ResponsesEndAt.Enqueue(300);

        var bytes = await subject.Clock.RunAsync(subject.ReadAllAsync());

        Assert.That(bytes, Is.EqualTo(FileBytes));
        Assert.That(subject.Client.Calls, Does.Contain($"open {subject.Job.ExportId}@300"));
    }

    [Test]
    public async Task Read_ServerIgnoresRange_SkipsBytesAlreadyReceived()
    {
        var subject = await CreateSubjectAsync();
        subject.FakeJob.IgnoresRange = true;
        subject.FakeJob.ConnectionDropsAt.Enqueue(200);

        var bytes = await subject.Clock.RunAsync(subject.ReadAllAsync());

        Assert.That(bytes, Is.EqualTo(FileBytes));
    }

    [Test]
    public async Task Read_DropsWithoutProgress_GivesUp()
    {
        var subject = await CreateSubjectAsync();
        foreach (var _ in Enumerable.Range(0, 10))
        {
            subject.FakeJob.ConnectionDropsAt.Enqueue(100);
        }

        var read = subject.Clock.RunAsync(subject.ReadAllAsync());

        var error = Assert.ThrowsAsync<MarketoException>(async () => await read);
        Assert.That(error.Message, Does.Contain("byte 100 of " + FileBytes.Length).And.Contain("DownloadResumeAttempts"));
        Assert.That(error.InnerException, Is.InstanceOf<IOException>());
        Assert.That(subject.Client.CountCalls("open"), Is.EqualTo(6));
        Assert.That(subject.Clock.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(2 + 4 + 8 + 16 + 32)));
    }

    [Test]
    public async Task Read_AfterDownloadGaveUp_ThrowsSameError()
    {
        var subject = await CreateSubjectAsync(configure: options => options.DownloadResumeAttempts = 0);
        subject.FakeJob.ConnectionDropsAt.Enqueue(100);
        var stream = await subject.Job.OpenReadAsync();
        var first = Assert.ThrowsAsync<MarketoException>(async () => await stream.CopyToAsync(Stream.Null));

        var second = Assert.ThrowsAsync<MarketoException>(async () => _ = await stream.ReadAsync(new byte[16]));

        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public async Task Read_ChecksumMismatch_ThrowsAtEnd()
    {
        var subject = await CreateSubjectAsync(job => job.ReportedChecksum = "sha256:" + new string('a', 64));
        var received = new MemoryStream();

        var error = await ReadExpectingErrorAsync(subject, received);

        Assert.That(received.ToArray(), Is.EqualTo(FileBytes));
        Assert.That(error.ExportId, Is.EqualTo(subject.Job.ExportId));
        Assert.That(error.ExpectedChecksum, Is.EqualTo(new string('a', 64)));
        Assert.That(error.ActualChecksum, Is.EqualTo(FakeBulkExportClient.Checksum(FileBytes)["sha256:".Length..]));
        Assert.That(error.ActualSize, Is.EqualTo(FileBytes.Length));
        Assert.That(error.Message, Does.Contain("checksum"));
    }

    [Test]
    public async Task Read_FewerBytes_ThrowsSizeMismatch()
    {
        var subject = await CreateSubjectAsync(job => job.ReportedFileSize = FileBytes.Length + 10);

        var error = await ReadExpectingErrorAsync(subject, new MemoryStream());

        Assert.That(error.ExpectedSize, Is.EqualTo(FileBytes.Length + 10));
        Assert.That(error.ActualSize, Is.EqualTo(FileBytes.Length));
        Assert.That(error.Message, Does.Contain($"{FileBytes.Length} bytes arrived"));
    }

    [Test]
    public async Task Read_MoreBytes_WithholdsExtraBytes()
    {
        var subject = await CreateSubjectAsync(job => job.ServedContent = [.. FileBytes, .. "99,extra\n"u8.ToArray()]);
        var received = new MemoryStream();

        var error = await ReadExpectingErrorAsync(subject, received);

        Assert.That(received.ToArray(), Is.EqualTo(FileBytes));
        Assert.That(error.ExpectedSize, Is.EqualTo(FileBytes.Length));
        Assert.That(error.ActualSize, Is.GreaterThan(FileBytes.Length));
        Assert.That(error.Message, Does.Contain("more bytes"));
    }

    [Test]
    public async Task Read_AfterIntegrityError_ThrowsAgain()
    {
        var subject = await CreateSubjectAsync(job => job.ReportedFileSize = FileBytes.Length + 1);
        var stream = await subject.Job.OpenReadAsync();
        await ReadExpectingErrorAsync(stream, new MemoryStream());

        Assert.ThrowsAsync<BulkExportIntegrityException>(async () => _ = await stream.ReadAsync(new byte[16]));
    }

    [Test]
    public async Task Read_VerifyChecksumOff_AcceptsWrongChecksum()
    {
        var subject = await CreateSubjectAsync(
            job => job.ReportedChecksum = "sha256:" + new string('b', 64),
            options => options.VerifyChecksum = false);

        var bytes = await subject.Clock.RunAsync(subject.ReadAllAsync());

        Assert.That(bytes, Is.EqualTo(FileBytes));
    }

    [TestCase(true, false)]
    [TestCase(false, true)]
    public async Task Read_ChecksumVariants_AreVerified(bool withPrefix, bool upperCase)
    {
        var hex = FakeBulkExportClient.Checksum(FileBytes)["sha256:".Length..];
        hex = upperCase ? hex.ToUpperInvariant() : hex;
        var subject = await CreateSubjectAsync(job => job.ReportedChecksum = (withPrefix ? "SHA256:" : "") + hex);

        var bytes = await subject.Clock.RunAsync(subject.ReadAllAsync());

        Assert.That(bytes, Is.EqualTo(FileBytes));
        Assert.That(subject.Logger.Messages("BulkExportChecksumNotVerifiable"), Is.Empty);
    }

    [Test]
    public async Task Read_UnknownChecksumForm_Warns()
    {
        var subject = await CreateSubjectAsync(job => job.ReportedChecksum = "md5:0123");

        var bytes = await subject.Clock.RunAsync(subject.ReadAllAsync());

        Assert.That(bytes, Is.EqualTo(FileBytes));
        Assert.That(subject.Logger.Messages("BulkExportChecksumNotVerifiable").Single(), Does.Contain("md5:0123"));
    }

    [Test]
    public async Task Read_Synchronously_ReadsWholeFile()
    {
        var subject = await CreateSubjectAsync();
        using var stream = await subject.Job.OpenReadAsync();
        using var copy = new MemoryStream();

        stream.CopyTo(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(FileBytes));
    }

    [Test]
    public async Task OpenReadAsync_FileExpired_Throws()
    {
        var subject = await CreateSubjectAsync(job => job.FileNotFoundResponses = 1);

        Assert.ThrowsAsync<MarketoExportFileNotFoundException>(() => subject.Job.OpenReadAsync());
    }

    [Test]
    public async Task Stream_Capabilities_AreReadOnlyForward()
    {
        var subject = await CreateSubjectAsync();
        await using var stream = await subject.Job.OpenReadAsync();

        Assert.That(stream.CanRead, Is.True);
        Assert.That(stream.CanSeek, Is.False);
        Assert.That(stream.CanWrite, Is.False);
        Assert.Throws<NotSupportedException>(() => _ = stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Write(new byte[1], 0, 1));
    }

    private static async Task<BulkExportIntegrityException> ReadExpectingErrorAsync(Subject subject, MemoryStream received)
    {
        var stream = await subject.Job.OpenReadAsync();
        return await ReadExpectingErrorAsync(stream, received);
    }

    private static async Task<BulkExportIntegrityException> ReadExpectingErrorAsync(Stream stream, MemoryStream received)
    {
        var buffer = new byte[50];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (BulkExportIntegrityException exception)
        {
            return exception;
        }

        Assert.Fail("The stream ended without an integrity error.");
        throw new InvalidOperationException("unreachable");
    }

    private static async Task<Subject> CreateSubjectAsync(
        Action<FakeExportJob>? scriptJob = null, Action<BulkExportOptions>? configure = null)
    {
        var clock = new TestClock();
        var client = new FakeBulkExportClient(clock) { FileContent = _ => FileBytes };
        var saved = client.AddJob(BulkExportObject.Leads, BulkExportStatus.Completed);
        saved.Content = FileBytes;
        scriptJob?.Invoke(saved);
        var progress = new ListProgress<BulkExportProgress>();
        var options = new BulkExportOptions { Progress = progress };
        configure?.Invoke(options);
        var logger = new ListLogger();
        var job = BulkExportJob.FromExportId(client, BulkExportObject.Leads, saved.ExportId, options, clock, logger);
        await job.UpdateStatusAsync();
        return new Subject(clock, client, saved, job, logger, progress);
    }

    private sealed record Subject(
        TestClock Clock,
        FakeBulkExportClient Client,
        FakeExportJob FakeJob,
        BulkExportJob Job,
        ListLogger Logger,
        ListProgress<BulkExportProgress> Progress)
    {
        public async Task<byte[]> ReadAllAsync(int bufferSize = 4096)
        {
            await using var stream = await Job.OpenReadAsync();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, bufferSize);
            return copy.ToArray();
        }
    }
}
