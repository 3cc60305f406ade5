namespace Marketo.Extract.Testing.Internal;

/// <summary>Marketo's day boundaries: daily quotas reset at midnight US Central time (America/Chicago).</summary>
internal static class ChicagoTime
{
    private static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>Returns the Central-time calendar day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private static TimeZoneInfo FindZone()
    {
        foreach (string id in (string[])["America/Chicago", "Central Standard Time"])
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

        return BuiltInCentralTime();
    }

    // Used on hosts without a time zone database: US Central rules since 2007 (DST from the second Sunday
    // of March to the first Sunday of November, at 02:00).
    private static TimeZoneInfo BuiltInCentralTime()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2007, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone(
            "America/Chicago", TimeSpan.FromHours(-6), "Central Time", "CST", "CDT", [rule]);
    }
}
