namespace Marketo.Extract.Internal;

/// <summary>
/// Computes when Marketo's daily quotas reset: midnight in America/Chicago (US Central time, with daylight saving).
/// </summary>
internal static class MarketoQuotaCalendar
{
    private static readonly TimeZoneInfo Central = FindCentralTimeZone();

    /// <summary>Gets the time zone in use: the system's America/Chicago, or the fixed US rules when tz data is missing.</summary>
    public static TimeZoneInfo TimeZone => Central;

    /// <summary>Returns the first midnight in Chicago strictly after <paramref name="now"/>, as a UTC instant.</summary>
    public static DateTimeOffset NextReset(DateTimeOffset now) => NextReset(now, Central);

    /// <summary>Returns the first midnight in <paramref name="zone"/> strictly after <paramref name="now"/>, in UTC.</summary>
    public static DateTimeOffset NextReset(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var nextMidnight = DateTime.SpecifyKind(local.Date.AddDays(1), DateTimeKind.Unspecified);

        // US daylight saving switches at 02:00, so local midnight is never skipped or repeated.
        var offset = zone.GetUtcOffset(nextMidnight);
        return new DateTimeOffset(nextMidnight, offset).ToUniversalTime();
    }

    /// <summary>
    /// Builds US Central time from the rules in force since 2007: UTC-6, and UTC-5 from the second Sunday of March
    /// at 02:00 to the first Sunday of November at 02:00.
    /// </summary>
    public static TimeZoneInfo CreateFixedRuleCentralTimeZone()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2007, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone(
            "America/Chicago (fixed rules)", TimeSpan.FromHours(-6), "US Central", "CST", "CDT", [rule]);
    }

    private static TimeZoneInfo FindCentralTimeZone()
    {
        foreach (var id in (ReadOnlySpan<string>)["America/Chicago", "Central Standard Time"])
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (TimeZoneNotFoundException)
            {
            }
            catch (InvalidTimeZoneException)
            {
            }
        }

        return CreateFixedRuleCentralTimeZone();
    }
}
