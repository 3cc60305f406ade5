using Marketo.Extract.Models;

namespace Marketo.Extract.Bulk.Internal;

/// <summary>
/// Places status polls just after the moments Marketo can change a job's status. Marketo changes a job's status at
/// most once a minute. When <c>startedAt</c> and <c>finishedAt</c> fall on shared boundaries of that cadence, a poll a
/// few seconds after the next boundary reads every change that a poll at any earlier moment would read.
/// </summary>
/// <remarks>
/// NOTE: Marketo documents only that a status changes at most once every 60 s. That all jobs share one grid of
/// boundaries is the emulator's model and an assumption here. If it is wrong, polls fall at an arbitrary phase.
/// The boundaries are read from Marketo's timestamps and compared with the local clock, so a local clock that is off
/// by more than the margin moves the polls to an arbitrary phase again: they are then no later than without alignment,
/// and never closer together than the poll interval.
/// </remarks>
internal static class StatusCadence
{
    /// <summary>The time between two status changes of a job on Marketo.</summary>
    internal static readonly TimeSpan Marketo = TimeSpan.FromSeconds(60);

    // Marketo's timestamps have whole seconds and its status update may lag the boundary, so a poll waits a little
    // after it. A twelfth of the period keeps a fast test clock in proportion.
    private static readonly TimeSpan MaxMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Returns when to poll next, after a poll that was due at <paramref name="due"/> and started at
    /// <paramref name="started"/>: one poll interval after the poll was due (after it started, if it started later than
    /// the margin), moved on to just after the next status boundary. Boundaries fall every <c>min(pollInterval, 60 s)</c>
    /// from <paramref name="anchor"/>; without an anchor there is no moving on.
    /// </summary>
    /// <remarks>
    /// Counting from when the poll was due keeps aligned polls on their boundaries although each call takes time, so
    /// two polls start at least the poll interval minus the margin apart.
    /// </remarks>
    internal static DateTimeOffset NextPollAt(
        DateTimeOffset due, DateTimeOffset started, DateTimeOffset? anchor, TimeSpan pollInterval)
    {
        var period = pollInterval < Marketo ? pollInterval : Marketo;
        var margin = period / 12 < MaxMargin ? period / 12 : MaxMargin;
        var earliest = (started - due > margin ? started : due) + pollInterval;
        if (anchor is not { } boundary)
        {
            return earliest;
        }

        var offset = (((boundary + margin - earliest).Ticks % period.Ticks) + period.Ticks) % period.Ticks;
        return earliest + TimeSpan.FromTicks(offset);
    }

    /// <summary>Returns the later of the job's <c>startedAt</c> and <c>finishedAt</c>, both status boundaries, if known.</summary>
    internal static DateTimeOffset? LatestBoundary(BulkExportJobInfo info) =>
        (info.StartedAt, info.FinishedAt) switch
        {
            ({ } started, { } finished) => started > finished ? started : finished,
            (var started, var finished) => started ?? finished,
        };
}
