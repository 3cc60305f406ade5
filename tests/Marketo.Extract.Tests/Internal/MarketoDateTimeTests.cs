using Marketo.Extract.Internal;

namespace Marketo.Extract.Tests.Internal;

public class MarketoDateTimeTests
{
    private static readonly DateTimeOffset Expected = new(2015, 5, 21, 22, 45, 13, TimeSpan.Zero);

    [TestCase("2015-05-21T22:45:13Z")]
    [TestCase("2015-05-21T22:45:13Z+0000")]
    [TestCase("2015-05-21T22:45:13+0000")]
    [TestCase("2015-05-21T22:45:13+00:00")]
    [TestCase("2015-05-21T14:45:13-08:00")]
    [TestCase("2015-05-21T14:45:13-0800")]
    [TestCase("2015-05-21T22:45:13.000Z")]
    [TestCase(" 2015-05-21T22:45:13Z ")]
    public void Parse_EveryMarketoForm_GivesSameUtcInstant(string text)
    {
        var parsed = MarketoDateTime.Parse(text);

        Assert.That(parsed, Is.EqualTo(Expected));
        Assert.That(parsed.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Parse_FractionalSeconds_KeepsThem()
    {
        var parsed = MarketoDateTime.Parse("2015-05-21T22:45:13.250Z");

        Assert.That(parsed, Is.EqualTo(Expected.AddMilliseconds(250)));
    }

    [Test]
    public void Parse_BareDate_IsMidnightUtc()
    {
        Assert.That(MarketoDateTime.Parse("2015-01-01"), Is.EqualTo(new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("")]
    [TestCase("yesterday")]
    [TestCase("2015-13-45T00:00:00Z")]
    [TestCase("2015-05-21T22:45:13+0000 trailing")]
    public void TryParse_NotATimestamp_ReturnsFalse(string text)
    {
        Assert.That(MarketoDateTime.TryParse(text, out _), Is.False);
    }

    [Test]
    public void Parse_Invalid_MessageNamesTheText()
    {
        var error = Assert.Throws<FormatException>(() => MarketoDateTime.Parse("soon"));

        Assert.That(error!.Message, Does.Contain("'soon'"));
    }

    [Test]
    public void FormatFilter_DropsMillisecondsAndUsesZ()
    {
        var value = new DateTimeOffset(2024, 3, 1, 9, 30, 15, 999, TimeSpan.FromHours(2));

        Assert.That(MarketoDateTime.FormatFilter(value), Is.EqualTo("2024-03-01T07:30:15Z"));
    }
}
