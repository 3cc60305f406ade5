using Marketo.Extract.Bulk;

namespace Marketo.Extract.Tests.Bulk;

public class BulkExportOptionsTests
{
    [Test]
    public void Defaults_MatchDocumentedValues()
    {
        var options = new BulkExportOptions();

        Assert.That(options.PollInterval, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(options.JobTimeout, Is.EqualTo(TimeSpan.FromMinutes(180)));
        Assert.That(options.MaxJobsInFlight, Is.EqualTo(4));
        Assert.That(options.QueueFullRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(options.DownloadResumeAttempts, Is.EqualTo(5));
        Assert.That(options.DownloadResumeDelay, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(options.VerifyChecksum, Is.True);
        Assert.That(options.CancelTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(options.Progress, Is.Null);
        Assert.DoesNotThrow(options.Validate);
    }

    [Test]
    public void Validate_InfiniteJobTimeout_IsAccepted()
    {
        var options = new BulkExportOptions { JobTimeout = Timeout.InfiniteTimeSpan };

        Assert.DoesNotThrow(options.Validate);
    }

    [TestCase(nameof(BulkExportOptions.PollInterval), "PollInterval is 00:00:00; it must be greater than zero")]
    [TestCase(nameof(BulkExportOptions.JobTimeout), "JobTimeout is -00:00:01; it must be greater than zero")]
    [TestCase(nameof(BulkExportOptions.MaxJobsInFlight), "MaxJobsInFlight is 11; it must be between 1 and 10")]
    [TestCase(nameof(BulkExportOptions.QueueFullRetryDelay), "QueueFullRetryDelay is 00:00:00; it must be greater than zero")]
    [TestCase(nameof(BulkExportOptions.DownloadResumeAttempts), "DownloadResumeAttempts is -1; it must be between 0 and 100")]
    [TestCase(nameof(BulkExportOptions.DownloadResumeDelay), "DownloadResumeDelay is -00:00:01; it must be zero or greater")]
    [TestCase(nameof(BulkExportOptions.CancelTimeout), "CancelTimeout is 00:00:00; it must be greater than zero")]
    public void Validate_BadValue_NamesOptionValueAndRule(string option, string expectedMessage)
    {
        var options = new BulkExportOptions();
        switch (option)
        {
            case nameof(BulkExportOptions.PollInterval): options.PollInterval = TimeSpan.Zero; break;
            case nameof(BulkExportOptions.JobTimeout): options.JobTimeout = TimeSpan.FromSeconds(-1); break;
            case nameof(BulkExportOptions.MaxJobsInFlight): options.MaxJobsInFlight = 11; break;
            case nameof(BulkExportOptions.QueueFullRetryDelay): options.QueueFullRetryDelay = TimeSpan.Zero; break;
            case nameof(BulkExportOptions.DownloadResumeAttempts): options.DownloadResumeAttempts = -1; break;
            case nameof(BulkExportOptions.DownloadResumeDelay): options.DownloadResumeDelay = TimeSpan.FromSeconds(-1); break;
            case nameof(BulkExportOptions.CancelTimeout): options.CancelTimeout = TimeSpan.Zero; break;
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.That(error.ParamName, Is.EqualTo(option));
        Assert.That(error.Message, Does.Contain("BulkExportOptions." + expectedMessage));
    }

    [Test]
    public void Validate_PollIntervalLongerThanJobTimeout_Throws()
    {
        var options = new BulkExportOptions { PollInterval = TimeSpan.FromHours(2), JobTimeout = TimeSpan.FromHours(1) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.That(error.Message, Does.Contain("not greater than JobTimeout (01:00:00)"));
    }
}
