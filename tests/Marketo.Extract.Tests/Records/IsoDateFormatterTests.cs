using System.Globalization;
using System.Text;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Tests.Records;

public class IsoDateFormatterTests
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    [TestCase(0L)]
    [TestCase(1L)]
    [TestCase(10_000_000L)]
    [TestCase(1_234_500L)]
    [TestCase(9_999_999L)]
    public void WriteInstant_Fraction_MatchesFormatString(long fractionTicks)
    {
        var utc = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(fractionTicks);

        var text = FormatInstant(utc);

        Assert.That(text, Is.EqualTo(utc.ToString(InstantFormat, CultureInfo.InvariantCulture)));
    }

    [Test]
    public void WriteInstant_ManyInstants_MatchFormatString()
    {
        var random = new Random(5);
        var maxTicks = DateTime.MaxValue.Ticks;

        for (var i = 0; i < 10_000; i++)
        {
            var utc = new DateTime(random.NextInt64(maxTicks), DateTimeKind.Utc);
            var expected = utc.ToString(InstantFormat, CultureInfo.InvariantCulture);

            Assert.That(FormatInstant(utc), Is.EqualTo(expected));
        }
    }

    [TestCase(1, 1, 1)]
    [TestCase(999, 12, 31)]
    [TestCase(2024, 2, 29)]
    [TestCase(9999, 12, 31)]
    public void WriteDate_Date_MatchesFormatString(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var bytes = new byte[IsoDateFormatter.DateLength];

        IsoDateFormatter.WriteDate(date, bytes);

        Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    private static string FormatInstant(DateTime utc)
    {
        var bytes = new byte[IsoDateFormatter.MaxInstantLength];
        var length = IsoDateFormatter.WriteInstant(utc, bytes);
        return Encoding.ASCII.GetString(bytes, 0, length);
    }
}
