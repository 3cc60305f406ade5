namespace Marketo.Extract.Models;

/// <summary>A range of instants, as sent in Marketo's <c>startAt</c>/<c>endAt</c> and updated-at filters.</summary>
/// <param name="Start">The first instant of the range.</param>
/// <param name="End">The last instant of the range.</param>
public readonly record struct DateTimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Gets the length of the range.</summary>
    public TimeSpan Duration => End - Start;
}
