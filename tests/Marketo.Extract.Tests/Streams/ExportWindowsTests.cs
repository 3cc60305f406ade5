using Marketo.Extract.Streams.Internal;

namespace Marketo.Extract.Tests.Streams;

public class ExportWindowsTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Plan_SeventyDays_ThreeWindowsLastEndsAtNow()
    {
        var now = Start.AddDays(70).AddHours(5);

        var windows = ExportWindows.Plan(Start, now, 30);

        Assert.That(windows, Has.Count.EqualTo(3));
        Assert.That(windows[0].Start, Is.EqualTo(Start));
        Assert.That(windows[0].End, Is.EqualTo(Start.AddDays(30)));
        Assert.That(windows[1].Start, Is.EqualTo(windows[0].End));
        Assert.That(windows[2].End, Is.EqualTo(now));
    }

    [Test]
    public void Plan_DropsMilliseconds()
    {
        var windows = ExportWindows.Plan(Start.AddMilliseconds(700), Start.AddDays(1).AddMilliseconds(300), 30);

        Assert.That(windows.Single().Start, Is.EqualTo(Start));
        Assert.That(windows.Single().End, Is.EqualTo(Start.AddDays(1)));
    }

    [Test]
    public void Plan_StartAtNow_NoWindows()
    {
        Assert.That(ExportWindows.Plan(Start, Start, 30), Is.Empty);
    }

    [Test]
    public void Plan_NoWindowWiderThanAsked([Values(1, 7, 30)] int days)
    {
        var windows = ExportWindows.Plan(Start, Start.AddDays(95), days);

        Assert.That(windows.All(window => window.Duration <= TimeSpan.FromDays(days)), Is.True);
        Assert.That(windows[^1].End, Is.EqualTo(Start.AddDays(95)));
    }
}
