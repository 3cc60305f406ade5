using System.Globalization;
using System.Text;
using Marketo.Extract.Models;
using Marketo.Extract.Records;
using Marketo.Extract.Records.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketo.Extract.Tests.Records;

/// <summary>
/// The quoted fast path of the flattened attributes decoder must give exactly what the unquoted path gives, or
/// decline and leave the values untouched.
/// </summary>
public class QuotedAttributesFastPathTests
{
    private static readonly ActivityType Mixed = new()
    {
        Id = 900,
        Name = "Mixed Attributes",
        PrimaryAttribute = new() { Name = "Asset ID", DataType = "integer" },
        Attributes =
        [
            new() { Name = "Label", DataType = "string" },
            new() { Name = "Count", DataType = "integer" },
            new() { Name = "Ratio", DataType = "float" },
            new() { Name = "Price", DataType = "currency" },
            new() { Name = "Flag", DataType = "boolean" },
            new() { Name = "Seen At", DataType = "datetime" },
            new() { Name = "Day", DataType = "date" },
            new() { Name = "Quote \"Name\"", DataType = "string" },
            new() { Name = "Renamed", DataType = "string", ApiName = "renamedApi" },
        ],
    };

    [TestCase("""{"Label":"plain","Count":12,"Ratio":1.5,"Flag":true}""", TestName = "TryDecodeQuoted_PlainMembers_MatchSlowPath")]
    [TestCase("""{}""", TestName = "TryDecodeQuoted_EmptyObject_MatchesSlowPath")]
    [TestCase(""" { "Label" : "spaced" , "Count" : -0 } """, TestName = "TryDecodeQuoted_Whitespace_MatchesSlowPath")]
    [TestCase("""{"Label":"a\"b\\c\/d\b\f\n\r\t\u00e9"}""", TestName = "TryDecodeQuoted_Escapes_MatchSlowPath")]
    [TestCase("""{"Label":"","Count":null,"Price":"12.50"}""", TestName = "TryDecodeQuoted_EmptyAndNullValues_MatchSlowPath")]
    [TestCase("""{"Seen At":"2024-02-01T10:00:00Z","Day":"2024-02-01","Price":1e3}""", TestName = "TryDecodeQuoted_DatesAndExponent_MatchSlowPath")]
    [TestCase("""{"Label":12.5,"Flag":false}""", TestName = "TryDecodeQuoted_NumberIntoString_MatchesSlowPath")]
    [TestCase("""{"renamedApi":"by api name"}""", TestName = "TryDecodeQuoted_ApiName_MatchesSlowPath")]
    [TestCase("""{"Label":"a\u0000b\u0000"}""", TestName = "TryDecodeQuoted_EscapedNulInText_MatchesSlowPath")]
    [TestCase("""{"Label":"\u0000"}""", TestName = "TryDecodeQuoted_OnlyNulInText_MatchesSlowPath")]
    [TestCase("""{"Label":"x\ud83d\ude00y\uD83C\uDF89"}""", TestName = "TryDecodeQuoted_SurrogatePair_MatchesSlowPath")]
    [TestCase("""{"Label":"x", "Count":1}""", TestName = "TryDecodeQuoted_CompactThenSpaced_MatchesSlowPath")]
    [TestCase("""{"Count":12 ,"Flag":true }""", TestName = "TryDecodeQuoted_SpaceAfterValues_MatchesSlowPath")]
    [TestCase("""{"Label":"a\nb","Count":7}""", TestName = "TryDecodeQuoted_EscapeThenCompact_MatchesSlowPath")]
    [TestCase("""{"Count":-5,"Ratio":0,"Price":0.25}""", TestName = "TryDecodeQuoted_SignZeroAndFraction_MatchSlowPath")]
    [TestCase("""{"Label":"","Flag":false,"Day":null}""", TestName = "TryDecodeQuoted_CompactEmptyFalseNull_MatchSlowPath")]
    [TestCase("""{"Count":123456789012345678}""", TestName = "TryDecodeQuoted_EighteenDigits_MatchSlowPath")]
    [TestCase("""{"Count":1234567890123456789}""", TestName = "TryDecodeQuoted_NineteenDigits_MatchSlowPath")]
    [TestCase("""{"Count":99999999999999999999}""", TestName = "TryDecodeQuoted_TwentyDigits_MatchSlowPath")]
    [TestCase("""{"Label":123,"Ratio":7}""", TestName = "TryDecodeQuoted_DigitsIntoOtherKinds_MatchSlowPath")]
    public void TryDecodeQuoted_AcceptedText_GivesSlowPathValues(string json)
    {
        using var subject = new Subject();

        var accepted = subject.TryFast(json, out var fast);

        Assert.That(accepted, Is.True);
        Assert.That(Describe(fast), Is.EqualTo(Describe(subject.Slow(json, out var warnings))));
        Assert.That(warnings, Is.Zero);
    }

    [TestCase("""{"Quote \"Name\"":"x"}""", TestName = "TryDecodeQuoted_EscapeInName_Declines")]
    [TestCase("""{"Unknown":"x"}""", TestName = "TryDecodeQuoted_UndeclaredAttribute_Declines")]
    [TestCase("""{"Label":"x","Label":"y"}""", TestName = "TryDecodeQuoted_RepeatedAttribute_Declines")]
    [TestCase("""{"Label":{"nested":1}}""", TestName = "TryDecodeQuoted_NestedValue_Declines")]
    [TestCase("""{"Count":"twelve"}""", TestName = "TryDecodeQuoted_ValueKeptAsText_Declines")]
    [TestCase("""{"Flag":"yes","Count":true}""", TestName = "TryDecodeQuoted_BooleanIntoInteger_Declines")]
    [TestCase("""{"Count":"1\u00002"}""", TestName = "TryDecodeQuoted_EscapedNulInNumber_Declines")]
    [TestCase("""{"Label":"\ud83d"}""", TestName = "TryDecodeQuoted_LoneHighSurrogate_Declines")]
    [TestCase("""{"Label":"\ude00\ud83d"}""", TestName = "TryDecodeQuoted_LowBeforeHigh_Declines")]
    [TestCase("""{"Label":"\ud83d\u0041"}""", TestName = "TryDecodeQuoted_HighThenLetter_Declines")]
    [TestCase("""{"Label":"\ud83d\ud83d"}""", TestName = "TryDecodeQuoted_TwoHighSurrogates_Declines")]
    [TestCase("""{"Count":01}""", TestName = "TryDecodeQuoted_LeadingZero_Declines")]
    [TestCase("""{"Count":1.}""", TestName = "TryDecodeQuoted_NoFractionDigits_Declines")]
    [TestCase("""{"Count":1,}""", TestName = "TryDecodeQuoted_TrailingComma_Declines")]
    [TestCase("""{"Flag":truex}""", TestName = "TryDecodeQuoted_LiteralWithTail_Declines")]
    [TestCase("""{"Count":12a}""", TestName = "TryDecodeQuoted_NumberWithTail_Declines")]
    [TestCase("""{"Label":"x""Count":1}""", TestName = "TryDecodeQuoted_MissingComma_Declines")]
    [TestCase("""{"Label""x"}""", TestName = "TryDecodeQuoted_MissingColon_Declines")]
    [TestCase("""{"Count":1} x""", TestName = "TryDecodeQuoted_TextAfterObject_Declines")]
    [TestCase("""{"Label":"x\qy"}""", TestName = "TryDecodeQuoted_UnknownEscape_Declines")]
    [TestCase("""[{"name":"Label","value":"x"}]""", TestName = "TryDecodeQuoted_LegacyArray_Declines")]
    [TestCase("""{"Label":"line""" + "\n" + """break"}""", TestName = "TryDecodeQuoted_RawControlCharacter_Declines")]
    public void TryDecodeQuoted_TextForTheSlowPath_DeclinesAndChangesNothing(string json)
    {
        using var subject = new Subject();

        var accepted = subject.TryFast(json, out var fast);

        Assert.That(accepted, Is.False);
        Assert.That(fast, Is.All.Null);
    }

    [TestCase("\"{\"Label\":\"x\"}\"", TestName = "TryDecodeQuoted_QuotesNotDoubled_Declines")]
    [TestCase("\"{\"\"Label\"\":\"\"x\"\"}\"\"", TestName = "TryDecodeQuoted_QuoteAfterObject_Declines")]
    [TestCase("{\"\"Label\"\":1}", TestName = "TryDecodeQuoted_UnquotedCell_Declines")]
    public void TryDecodeQuoted_BrokenCsvQuoting_Declines(string cell)
    {
        using var subject = new Subject();

        var accepted = subject.TryFastCell(cell, out var fast);

        Assert.That(accepted, Is.False);
        Assert.That(fast, Is.All.Null);
    }

    [Test]
    public void TryDecodeQuoted_RandomObjects_AcceptedOnesMatchSlowPath()
    {
        var random = new Random(20241204);
        using var subject = new Subject();
        var accepted = 0;

        for (var i = 0; i < 20_000; i++)
        {
            var json = RandomObject(random);
            if (subject.TryFast(json, out var fast))
            {
                accepted++;
                Assert.That(Describe(fast), Is.EqualTo(Describe(subject.Slow(json, out var warnings))), json);
                Assert.That(warnings, Is.Zero, json);
            }
            else
            {
                Assert.That(fast, Is.All.Null, json);
            }
        }

        Assert.That(accepted, Is.GreaterThan(5_000), "the generator should mostly write text the fast path reads");
    }

    /// <summary>Each value with its type, so that 12 and 12L, or 12.5m and 12.50m, tell apart.</summary>
    private static string[] Describe(object?[] values) =>
        [.. values.Select(value => $"{value?.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}")];

    private static string RandomObject(Random random)
    {
        var names = new[] { "Label", "Count", "Ratio", "Price", "Flag", "Seen At", "Day", "renamedApi", "Other" };
        var text = new StringBuilder(random.Next(8) == 0 ? " {" : "{");
        var members = random.Next(6);
        for (var i = 0; i < members; i++)
        {
            text.Append(i == 0 ? string.Empty : random.Next(40) == 0 ? " , " : ",");
            text.Append('"').Append(names[random.Next(names.Length)]).Append(random.Next(40) == 0 ? "\" : " : "\":");
            text.Append(RandomValue(random)).Append(random.Next(40) == 0 ? " " : string.Empty);
        }

        text.Append(random.Next(50) == 0 ? ",}" : "}");
        return text.ToString();
    }

    private static string RandomValue(Random random) => random.Next(12) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-100_000, 100_000).ToString(CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
        4 => random.Next(10) switch
        {
            0 => "1e5", 1 => "-0.5E-3", 2 => "00", 3 => "-", 4 => "truex", 5 => "12a", _ => "0",
        },
        5 => "\"2024-0" + random.Next(1, 10) + "-1" + random.Next(10) + "T10:00:00Z\"",
        6 => "\"2024-03-1" + random.Next(10) + "\"",
        7 => "[" + random.Next(3) + "]",
        _ => "\"" + RandomText(random) + "\"",
    };

    private static string RandomText(Random random)
    {
        string[] pieces =
        [
            "a", "Zürich", "12", "3.5", " ", "\\\"", "\\\\", "\\n", "\\u00e9", "\\u0000", "\\ud83d", "\\ude00",
            "\\ud83d\\ude00", "\\uD83C\\uDF89", "😀", ",", "\\x", "true",
        ];
        var text = new StringBuilder();
        var count = random.Next(5);
        for (var i = 0; i < count; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }

    /// <summary>One decoder, and the file decoder it reports to, shared by the calls of one test.</summary>
    private sealed class Subject : IDisposable
    {
        private readonly RecordSchema _schema = RecordSchema.ForActivityType(Mixed);
        private readonly ActivityAttributesDecoder _attributes;
        private readonly DecodeStatistics _statistics = new();
        private readonly ActivityFileDecoder _file;

        public Subject()
        {
            _attributes = ActivityAttributesDecoder.Create(_schema);
            _file = new ActivityFileDecoder(
                new Dictionary<int, RecordSchema> { [Mixed.Id] = _schema },
                new Utf8CsvTextReader(Stream.Null),
                _statistics,
                NullLogger.Instance);
        }

        public bool TryFast(string json, out object?[] values) =>
            TryFastCell("\"" + json.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", out values);

        public bool TryFastCell(string cell, out object?[] values)
        {
            values = new object?[_schema.Fields.Count];
            return _attributes.TryDecodeQuoted(cell, values, 1, _file);
        }

        public object?[] Slow(string json, out long warnings)
        {
            var before = _statistics.WarningCount;
            var values = new object?[_schema.Fields.Count];
            _attributes.Decode(json, values, 1, _file);
            warnings = _statistics.WarningCount - before;
            return values;
        }

        public void Dispose() => _file.Dispose();
    }
}
