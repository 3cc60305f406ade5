using Marketo.Extract.Bulk.Internal;
using Marketo.Extract.Models;

namespace Marketo.Extract.Tests.Bulk;

public sealed class StatusCadenceTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Test]
    public void NextPollAt_NoBoundaryKnown_OneIntervalAfterDue()
    {
        var due = Start.AddSeconds(30);

        var next = StatusCadence.NextPollAt(due, due, anchor: null, Minute);

        Assert.That(next, Is.EqualTo(due + Minute));
    }

    [Test]
    public void NextPollAt_BoundaryKnown_FiveSecondsAfterNextBoundary()
    {
        var due = Start.AddSeconds(60);
        var boundary = Start.AddSeconds(20);

        var next = StatusCadence.NextPollAt(due, due, boundary, Minute);

        Assert.That(next, Is.EqualTo(Start.AddSeconds(145)));
    }

    [TestCase(0)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(59)]
    public void NextPollAt_AnyPhase_WithinOnePeriodAfterInterval(int boundarySecond)
    {
        var due = Start.AddSeconds(60);
        var boundary = Start.AddSeconds(boundarySecond);

        var next = StatusCadence.NextPollAt(due, due, boundary, Minute);

        Assert.That(next, Is.GreaterThanOrEqualTo(due + Minute));
        Assert.That(next, Is.LessThan(due + Minute + Minute));
        Assert.That((next - boundary).Ticks % Minute.Ticks, Is.EqualTo(TimeSpan.FromSeconds(5).Ticks));
    }

    [Test]
    public void NextPollAt_CallTookTime_KeepsBoundaryOfDueTime()
    {
        var boundary = Start;
        var due = Start.AddSeconds(5);
        var started = due.AddSeconds(2);

        var next = StatusCadence.NextPollAt(due, started, boundary, Minute);

        Assert.That(next, Is.EqualTo(Start.AddSeconds(65)));
    }

    [Test]
    public void NextPollAt_StartedLate_CountsFromStart()
    {
        var boundary = Start;
        var due = Start.AddSeconds(5);
        var started = due.AddSeconds(30);

        var next = StatusCadence.NextPollAt(due, started, boundary, Minute);

        Assert.That(next, Is.EqualTo(Start.AddSeconds(125)));
    }

    [Test]
    public void NextPollAt_LongInterval_FirstBoundaryAfterInterval()
    {
        var boundary = Start.AddSeconds(20);
        var due = Start.AddSeconds(60);

        var next = StatusCadence.NextPollAt(due, due, boundary, TimeSpan.FromMinutes(5));

        Assert.That(next, Is.EqualTo(Start.AddSeconds(385)));
    }

    [Test]
    public void NextPollAt_ShortInterval_MarginScalesDown()
    {
        var interval = TimeSpan.FromSeconds(1);
        var boundary = Start.AddMilliseconds(300);

        var next = StatusCadence.NextPollAt(Start, Start, boundary, interval);

        Assert.That(next, Is.EqualTo(Start.AddMilliseconds(1383).AddTicks(3333)));
    }

    [Test]
    public void NextPollAt_BoundaryInFuture_StillWithinOnePeriod()
    {
        var due = Start;
        var boundary = Start.AddHours(3).AddSeconds(10);

        var next = StatusCadence.NextPollAt(due, due, boundary, Minute);

        Assert.That(next, Is.EqualTo(Start.AddSeconds(75)));
    }

    [Test]
    public void LatestBoundary_StartedAndFinished_ReturnsFinished()
    {
        var info = new BulkExportJobInfo
        {
            ExportId = "a",
            Status = BulkExportStatus.Completed,
            StartedAt = Start,
            FinishedAt = Start.AddMinutes(2),
        };

        var boundary = StatusCadence.LatestBoundary(info);

        Assert.That(boundary, Is.EqualTo(Start.AddMinutes(2)));
    }

    [Test]
    public void LatestBoundary_QueuedOnly_ReturnsNull()
    {
        var info = new BulkExportJobInfo { ExportId = "a", Status = BulkExportStatus.Queued, QueuedAt = Start };

        var boundary = StatusCadence.LatestBoundary(info);

        Assert.That(boundary, Is.Null);
    }
}
