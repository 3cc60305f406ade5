using System.Globalization;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Tests.Records;

public class CellParserTests
{
    [TestCase("0", 0L)]
    [TestCase("-7", -7L)]
    [TestCase("+7", 7L)]
    [TestCase("12.0", 12L)]
    [TestCase("9223372036854775807", long.MaxValue)]
    [TestCase("-9223372036854775808", long.MinValue)]
    [TestCase(" 42 ", 42L)]
    [TestCase("1e3", 1000L)]
    public void TryParse_WholeInteger_GivesLong(string text, long expected)
    {
        var parsed = CellParser.TryParse(text, FieldKind.Integer, out var value);

        Assert.That(parsed, Is.True);
        Assert.That(value, Is.EqualTo(expected).And.TypeOf<long>());
    }

    [TestCase("12.5", "12.5")]
    [TestCase("-0.25", "-0.25")]
    [TestCase(".5", "0.5")]
    [TestCase("12.50", "12.50")]
    [TestCase("9223372036854775808", "9223372036854775808")]
    [TestCase("99999999999999999999", "99999999999999999999")]
    [TestCase("1234567890.123456789", "1234567890.123456789")]
    public void TryParse_FractionOrBigInteger_GivesExactDecimal(string text, string expected)
    {
        var parsed = CellParser.TryParse(text, FieldKind.Integer, out var value);

        Assert.That(parsed, Is.True);
        Assert.That(value, Is.TypeOf<decimal>());
        Assert.That(((decimal)value).ToString(CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    [TestCase("1e-400")]
    [TestCase("0.00000000000000000000000000001")]
    [TestCase("1.00000000000000000000000000001")]
    [TestCase("0.99999999999999999999999999999")]
    public void TryParse_IntegerThatDecimalWouldRound_KeepsText(string text)
    {
        var parsed = CellParser.TryParse(text, FieldKind.Integer, out var value);

        Assert.That(parsed, Is.False);
        Assert.That(value, Is.EqualTo(text));
    }

    [TestCase("0.1")]
    [TestCase("-1234.5678")]
    [TestCase("3.141592653589793")]
    [TestCase("9007199254740993")]
    [TestCase("1e-5")]
    [TestCase("12.")]
    [TestCase("0.30000000000000004")]
    [TestCase("0e-400")]
    [TestCase("-0.0")]
    [TestCase("5e-324")]
    public void TryParse_Float_MatchesFrameworkParse(string text)
    {
        var parsed = CellParser.TryParse(text, FieldKind.Float, out var value);

        Assert.That(parsed, Is.True);
        Assert.That(value, Is.EqualTo(double.Parse(text, CultureInfo.InvariantCulture)));
    }

    [TestCase("Infinity")]
    [TestCase("NaN")]
    [TestCase("1e400")]
    [TestCase("1e-400")]
    [TestCase("-2.5E-330")]
    [TestCase("1,5")]
    [TestCase("-")]
    [TestCase("1.2.3")]
    public void TryParse_InvalidFloat_KeepsText(string text)
    {
        var parsed = CellParser.TryParse(text, FieldKind.Float, out var value);

        Assert.That(parsed, Is.False);
        Assert.That(value, Is.EqualTo(text));
    }

    [TestCase("19.99", "19.99")]
    [TestCase("-0.10", "-0.10")]
    [TestCase("1e2", "100")]
    [TestCase("1.5E+2", "150")]
    [TestCase("1e-28", "0.0000000000000000000000000001")]
    [TestCase("7922816251426433759354395033.5", "7922816251426433759354395033.5")]
    [TestCase(" -0.000 ", "0.000")]
    public void TryParse_Currency_GivesExactDecimal(string text, string expected)
    {
        var parsed = CellParser.TryParse(text, FieldKind.Currency, out var value);

        Assert.That(parsed, Is.True);
        Assert.That(((decimal)value).ToString(CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    [TestCase("1e-400")]
    [TestCase("1.5e-28")]
    [TestCase("1.00000000000000000000000000001")]
    [TestCase("123456789012345678901234567.891")]
    public void TryParse_CurrencyThatDecimalWouldRound_KeepsText(string text)
    {
        var parsed = CellParser.TryParse(text, FieldKind.Currency, out var value);

        Assert.That(parsed, Is.False);
        Assert.That(value, Is.EqualTo(text));
    }

    [TestCase("2024-02-29", true)]
    [TestCase("2023-02-29", false)]
    [TestCase("2024-1-05", false)]
    [TestCase("2024-01-05T00:00:00Z", false)]
    public void TryParse_Date_AcceptsOnlyValidIsoDates(string text, bool valid)
    {
        var parsed = CellParser.TryParse(text, FieldKind.Date, out var value);

        Assert.That(parsed, Is.EqualTo(valid));
        Assert.That(value, valid ? Is.TypeOf<DateOnly>() : Is.EqualTo(text));
    }

    [TestCase("TRUE", true)]
    [TestCase("false", false)]
    public void TryParse_Boolean_IgnoresCase(string text, bool expected)
    {
        CellParser.TryParse(text, FieldKind.Boolean, out var value);

        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("2015-05-21T22:45:13Z")]
    [TestCase("2015-05-21T22:45:13Z+0000")]
    [TestCase("2015-05-21T14:45:13-08:00")]
    [TestCase("2015-05-21T22:45:13.000Z")]
    public void TryParse_DateTime_EveryMarketoFormIsUtc(string text)
    {
        CellParser.TryParse(text, FieldKind.DateTime, out var value);

        Assert.That(value, Is.EqualTo(new DateTimeOffset(2015, 5, 21, 22, 45, 13, TimeSpan.Zero)));
        Assert.That(((DateTimeOffset)value).Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("2015-02-29T22:45:13Z")]
    [TestCase("2015-05-21T24:00:00Z")]
    public void TryParse_InvalidDateTime_KeepsText(string text)
    {
        var parsed = CellParser.TryParse(text, FieldKind.DateTime, out var value);

        Assert.That(parsed, Is.False);
        Assert.That(value, Is.EqualTo(text));
    }
}
