using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Marketo.Extract.Internal;

namespace Marketo.Extract.Reliability.Tests.Properties;

/// <summary>Every timestamp form Marketo emits, of any instant, must parse to that instant in UTC.</summary>
public class MarketoDateTimeProperties
{
    private static readonly long MinTicks = new DateTime(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long MaxTicks = new DateTime(2199, 12, 30, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>An instant, the number of fraction digits to print (0 to 7), and an offset in whole minutes.</summary>
    private static readonly Gen<(DateTimeOffset Instant, int Digits, int OffsetMinutes)> Cases =
        from seconds in Gen.Choose(0, int.MaxValue).Select(n => (long)n * 3)
        from fraction in Gen.Choose(0, 9_999_999)
        from digits in Gen.Choose(0, 7)
        from offset in Gen.Choose(-14 * 60, 14 * 60)
        let ticks = MinTicks + (seconds % ((MaxTicks - MinTicks) / TimeSpan.TicksPerSecond) * TimeSpan.TicksPerSecond)
        let kept = fraction - (fraction % (long)Math.Pow(10, 7 - digits))
        select (new DateTimeOffset(ticks + kept, TimeSpan.Zero), digits, offset);

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property EveryForm_ParsesToTheSameInstant() =>
        Prop.ForAll(Cases.ToArbitrary(), testCase =>
        {
            var (instant, digits, offsetMinutes) = testCase;
            var local = instant.ToOffset(TimeSpan.FromMinutes(offsetMinutes));
            var fraction = digits == 0 ? string.Empty : "." + new string('f', digits);
            var stamp = local.ToString("yyyy-MM-dd'T'HH:mm:ss" + fraction, CultureInfo.InvariantCulture);
            var utcStamp = instant.ToString("yyyy-MM-dd'T'HH:mm:ss" + fraction, CultureInfo.InvariantCulture);
            var sign = offsetMinutes < 0 ? "-" : "+";
            var hours = (Math.Abs(offsetMinutes) / 60).ToString("00", CultureInfo.InvariantCulture);
            var minutes = (Math.Abs(offsetMinutes) % 60).ToString("00", CultureInfo.InvariantCulture);
            string[] forms =
            [
                utcStamp + "Z",
                utcStamp + "Z+0000",
                utcStamp + "+00:00",
                utcStamp + "+0000",
                stamp + sign + hours + ":" + minutes,
                stamp + sign + hours + minutes,
            ];
            return forms.All(form => MarketoDateTime.TryParse(form, out var parsed)
                    && parsed == instant && parsed.Offset == TimeSpan.Zero)
                .Label(string.Join(" ", forms));
        });
}
