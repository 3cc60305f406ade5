using Marketo.Extract.Internal;

namespace Marketo.Extract.Tests.Internal;

public class MarketoQuotaCalendarTests
{
    [TestCase("2024-07-10T12:00:00Z", "2024-07-11T05:00:00Z")]
    [TestCase("2024-07-11T04:59:59Z", "2024-07-11T05:00:00Z")]
    [TestCase("2024-07-11T05:00:00Z", "2024-07-12T05:00:00Z")]
    [TestCase("2024-01-10T03:00:00Z", "2024-01-10T06:00:00Z")]
    [TestCase("2024-03-10T05:00:00Z", "2024-03-10T06:00:00Z")]
    [TestCase("2024-03-10T07:00:00Z", "2024-03-11T05:00:00Z")]
    [TestCase("2024-11-03T04:30:00Z", "2024-11-03T05:00:00Z")]
    [TestCase("2024-11-03T07:30:00Z", "2024-11-04T06:00:00Z")]
    [TestCase("2024-12-31T23:00:00Z", "2025-01-01T06:00:00Z")]
    public void NextReset_IsNextMidnightInChicago(string now, string expected)
    {
        var reset = MarketoQuotaCalendar.NextReset(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(reset, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(reset.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void FixedRules_AgreeWithSystemTimeZone_EveryDayOfTwoYears()
    {
        var fixedRules = MarketoQuotaCalendar.CreateFixedRuleCentralTimeZone();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        for (var hour = 0; hour < 2 * 366 * 24; hour += 7)
        {
            var now = start.AddHours(hour);
            Assert.That(
                MarketoQuotaCalendar.NextReset(now, fixedRules),
                Is.EqualTo(MarketoQuotaCalendar.NextReset(now)),
                $"at {now:O}");
        }
    }
}
