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
        var acceptedByMembers = new int[6];

        for (var i = 0; i < 20_000; i++)
        {
            var json = RandomObject(random, members: i % acceptedByMembers.Length);
            if (subject.TryFast(json, out var fast))
            {
                acceptedByMembers[i % acceptedByMembers.Length]++;
                Assert.That(Describe(fast), Is.EqualTo(Describe(subject.Slow(json, out var warnings))), json);
                Assert.That(warnings, Is.Zero, json);
            }
            else
            {
                Assert.That(fast, Is.All.Null, json);
            }
        }

        // Objects of several members are the ones where the compact read and Read hand over to each other.
        Assert.That(
            acceptedByMembers.Sum(), Is.GreaterThan(10_000), "the generator should mostly write text the fast path reads");
        Assert.That(acceptedByMembers[5], Is.GreaterThan(800), "the fast path should read many objects of five members");
    }

    [Test]
    public async Task ReadActivitiesAsync_RandomQuotedObjects_MatchSlowPath()
    {
        var random = new Random(20241205);
        var objects = Enumerable.Range(0, 2_000).Select(i => RandomObject(random, members: i % 6)).ToList();
        using var subject = new Subject();

        var (records, warnings) = await subject.ReadCsvAsync(objects, random);

        Assert.That(records, Has.Count.EqualTo(objects.Count));
        var slowWarnings = 0L;
        for (var i = 0; i < objects.Count; i++)
        {
            var slow = subject.Slow(objects[i], out var rowWarnings);
            slowWarnings += rowWarnings;
            Assert.That(subject.DescribeAttributes(records[i]), Is.EqualTo(subject.DescribeAttributes(slow)), objects[i]);
        }

        Assert.That(warnings, Is.EqualTo(slowWarnings));
    }

    /// <summary>Each value with its type, so that 12 and 12L, or 12.5m and 12.50m, tell apart.</summary>
    private static string[] Describe(object?[] values) =>
        [.. values.Select(value => $"{value?.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}")];

    /// <summary>
    /// Writes an object whose members mostly follow the declared order, as Marketo writes them, leaving some out.
    /// One member in ten has any name, which may repeat a member or be undeclared, and one value in eight has any
    /// kind. A few objects lack a comma or a colon, or end early.
    /// </summary>
    private static string RandomObject(Random random, int members)
    {
        string[] declared = ["Label", "Count", "Ratio", "Price", "Flag", "Seen At", "Day", "renamedApi"];
        var next = random.Next(declared.Length);
        var text = new StringBuilder(RandomSpace(random)).Append('{');
        for (var i = 0; i < members; i++)
        {
            var name = random.Next(10) == 0 ? RandomName(random) : declared[next % declared.Length];
            next += random.Next(4) == 0 ? 2 : 1;
            var comma = random.Next(100) == 0 ? string.Empty : ",";
            text.Append(i == 0 ? RandomSpace(random) : RandomSpace(random) + comma + RandomSpace(random));
            text.Append('"').Append(name).Append('"');
            var colon = random.Next(100) == 0 ? string.Empty : ":";
            text.Append(RandomSpace(random)).Append(colon).Append(RandomSpace(random));
            text.Append(random.Next(8) == 0 ? RandomValue(random) : RandomFittingValue(random, name));
        }

        text.Append(RandomSpace(random)).Append(random.Next(50) == 0 ? ",}" : "}").Append(RandomSpace(random));

        // A cell cut short ends in the middle of a name, a value or a doubled quote.
        return random.Next(50) == 0 ? text.ToString(0, random.Next(text.Length)) : text.ToString();
    }

    /// <summary>
    /// Picks mostly a declared name or the undeclared <c>Other</c>. Sometimes it picks a near miss: a prefix or an
    /// extension of a declared name, a declared name written with an escape, or the empty name. It also picks the
    /// name that needs an escape, and the display name of the attribute that other objects name by its API name.
    /// </summary>
    private static string RandomName(Random random)
    {
        string[] names = ["Label", "Count", "Ratio", "Price", "Flag", "Seen At", "Day", "renamedApi", "Other"];
        string[] rare = ["Lab", "Labels", "Lab\\u0065l", "", "Quote \\\"Name\\\"", "Renamed"];
        return random.Next(20) == 0 ? rare[random.Next(rare.Length)] : names[random.Next(names.Length)];
    }

    /// <summary>Picks mostly nothing, as in Marketo's compact JSON, and otherwise one kind of JSON whitespace.</summary>
    private static string RandomSpace(Random random) => random.Next(40) switch
    {
        0 => " ",
        1 => "\t",
        2 => "\n",
        3 => "\r\n  ",
        _ => string.Empty,
    };

    private static string RandomValue(Random random) => random.Next(13) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(-100_000, 100_000).ToString(CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
        4 => random.Next(14) switch
        {
            0 => "1e5", 1 => "-0.5E-3", 2 => "00", 3 => "-", 4 => "truex", 5 => "12a", 6 => "-0", 7 => "nullx",
            8 => "false1", 9 => "tru", 10 => "1E+2", 11 => "0.0", 12 => "01", _ => "0",
        },
        5 => "\"2024-0" + random.Next(1, 10) + "-1" + random.Next(10) + "T10:00:00Z\"",
        6 => "\"2024-03-1" + random.Next(10) + "\"",
        7 => "[" + random.Next(3) + "]",
        8 => RandomDigits(random),
        _ => "\"" + RandomText(random) + "\"",
    };

    /// <summary>
    /// Writes a value of the kind of the attribute <paramref name="name"/>, so that the fast path often reads objects
    /// of several members whole. A value of another kind, or of an undeclared name, makes it decline.
    /// </summary>
    private static string RandomFittingValue(Random random, string name) => name switch
    {
        "Count" => random.Next(2) == 0
            ? RandomDigits(random)
            : random.Next(-100_000, 100_000).ToString(CultureInfo.InvariantCulture),
        "Ratio" or "Price" => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
        "Flag" => random.Next(2) == 0 ? "true" : "false",
        "Seen At" => "\"2024-0" + random.Next(1, 10) + "-1" + random.Next(10) + "T10:00:00Z\"",
        "Day" => "\"2024-03-1" + random.Next(10) + "\"",
        _ => "\"" + RandomText(random) + "\"",
    };

    /// <summary>
    /// Writes 1 to 20 digits, often 16 to 20 around the 18 that the compact read converts itself, sometimes with a
    /// sign or a leading zero.
    /// </summary>
    private static string RandomDigits(Random random)
    {
        var text = new StringBuilder(random.Next(4) == 0 ? "-" : string.Empty);
        var length = random.Next(2) == 0 ? random.Next(16, 21) : random.Next(1, 21);
        text.Append((char)('0' + (random.Next(10) == 0 ? 0 : random.Next(1, 10))));
        for (var i = 1; i < length; i++)
        {
            text.Append((char)('0' + random.Next(10)));
        }

        return text.ToString();
    }

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

        /// <summary>
        /// Decodes one CSV row per object with the whole activity decoder, which tries the quoted fast path on each
        /// attributes cell first. Some rows quote another cell too.
        /// </summary>
        public async Task<(List<MarketoRecord> Records, long Warnings)> ReadCsvAsync(
            List<string> objects, Random random)
        {
            var csv = new StringBuilder("marketoGUID,leadId,activityDate,activityTypeId,campaignId,")
                .Append("primaryAttributeValueId,primaryAttributeValue,attributes\n");
            for (var i = 0; i < objects.Count; i++)
            {
                var primary = random.Next(5) == 0 ? "\"Asset \"\"A\"\"\"" : "Asset A";
                csv.Append(CultureInfo.InvariantCulture, $"{i},5,2024-02-01T10:00:00Z,{Mixed.Id},,,{primary},\"")
                    .Append(objects[i].Replace("\"", "\"\"", StringComparison.Ordinal))
                    .Append("\"\n");
            }

            var decoder = new ExportCsvDecoder();
            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
            var records = await RecordsTestData.ToListAsync(
                decoder.ReadActivitiesAsync(stream, new Dictionary<int, RecordSchema> { [Mixed.Id] = _schema }));
            return (records, decoder.Statistics.WarningCount);
        }

        /// <summary>Describes the attribute fields and <c>additional_attributes</c>, which the attributes cell fills.</summary>
        public string[] DescribeAttributes(object?[] values) =>
            Describe([.. AttributeOrdinals().Select(ordinal => values[ordinal])]);

        public string[] DescribeAttributes(MarketoRecord record) =>
            Describe([.. AttributeOrdinals().Select(ordinal => record[_schema.Fields[ordinal].Name])]);

        private IEnumerable<int> AttributeOrdinals() =>
            Enumerable.Range(0, _schema.Fields.Count).Where(ordinal => _schema.Fields[ordinal].Source
                is RecordFieldSource.ActivityAttribute or RecordFieldSource.UndeclaredActivityAttributes);

        public void Dispose() => _file.Dispose();
    }
}
