using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketo.Extract.Records;

namespace Marketo.Extract.Tests.Records;

/// <summary>
/// Checks each line of <see cref="JsonLinesWriter"/> against the record it came from, and against
/// <see cref="MarketoRecord.WriteTo"/>, whose values and non-string text it must match exactly.
/// </summary>
public class JsonLinesWriterEncodingTests
{
    private static readonly RecordSchema TextSchema = new("s", [new RecordField("text", "string")]);

    private static readonly string AllControlChars = new([.. Enumerable.Range(0, 0x20).Select(code => (char)code)]);

    // Named cases, because a runner shows arguments in the test name and the long texts would flood it.
    private static readonly TestCaseData[] AwkwardTexts =
    [
        new TestCaseData(string.Empty).SetArgDisplayNames("empty"),
        new TestCaseData("plain").SetArgDisplayNames("plain"),
        new TestCaseData("\"").SetArgDisplayNames("quote"),
        new TestCaseData("say \"hi\" and \"bye\"").SetArgDisplayNames("quotes"),
        new TestCaseData("\\").SetArgDisplayNames("backslash"),
        new TestCaseData(@"C:\temp\new\file.csv").SetArgDisplayNames("path"),
        new TestCaseData("\\\"").SetArgDisplayNames("backslash quote"),
        new TestCaseData(AllControlChars).SetArgDisplayNames("U+0000 to U+001F"),
        new TestCaseData("line one\r\nline two\ttabbed\b\f").SetArgDisplayNames("short escapes"),
        new TestCaseData("\u007F delete").SetArgDisplayNames("U+007F"),
        new TestCaseData("\u2028 line separator \u2029 paragraph separator").SetArgDisplayNames("U+2028 U+2029"),
        new TestCaseData("Zoë, Ångström, 東京, עברית, Ελληνικά").SetArgDisplayNames("non-ASCII"),
        new TestCaseData("emoji 😀👍🏽 and a flag 🇫🇷").SetArgDisplayNames("emoji"),
        new TestCaseData("\uFEFF mark, \uFFFD replacement, \uFFFF noncharacter").SetArgDisplayNames("specials"),
        new TestCaseData("<script>alert('x') & \"y\"</script> + `z`").SetArgDisplayNames("HTML"),
        new TestCaseData(new string('"', 100_000)).SetArgDisplayNames("100,000 quotes"),
        new TestCaseData(string.Concat(Enumerable.Repeat("a \"quoted\" Zoë 😀 \\ \n", 20_000)))
            .SetArgDisplayNames("long mixed text"),
        new TestCaseData(new string('x', 16_383) + "😀" + new string('y', 20_000))
            .SetArgDisplayNames("surrogate pair across a step"),
        new TestCaseData(new string('x', 16_382) + "😀\"" + new string('y', 20_000))
            .SetArgDisplayNames("surrogate pair then quote at a step end"),
        new TestCaseData(new string('é', 70_000)).SetArgDisplayNames("70,000 two-byte chars"),
    ];

    // Attribute arguments are stored as UTF-8, which turns a lone surrogate into U+FFFD, so the cases live here.
    private static readonly TestCaseData[] LoneSurrogateTexts =
    [
        new TestCaseData("\uD800", "\\uD800").SetArgDisplayNames("high"),
        new TestCaseData("\uDBFF", "\\uDBFF").SetArgDisplayNames("last high"),
        new TestCaseData("\uDC00", "\\uDC00").SetArgDisplayNames("low"),
        new TestCaseData("a\uD83Db", "a\\uD83Db").SetArgDisplayNames("high between letters"),
        new TestCaseData("\uDE00\uD83D", "\\uDE00\\uD83D").SetArgDisplayNames("pair reversed"),
        new TestCaseData("\uD83D\"", "\\uD83D\\\"").SetArgDisplayNames("high before quote"),
        new TestCaseData("😀\uDE00😀", "😀\\uDE00😀").SetArgDisplayNames("low between pairs"),
        new TestCaseData("q\"\uD800\\", "q\\\"\\uD800\\\\").SetArgDisplayNames("between escapes"),
    ];

    [TestCaseSource(nameof(AwkwardTexts))]
    public void Write_AwkwardText_ReadsBackUnchanged(string text)
    {
        var record = new MarketoRecord(TextSchema, [text]);

        var line = WriteLines(record).Single();

        using var document = JsonDocument.Parse(line);
        Assert.That(document.RootElement.GetProperty("text").GetString(), Is.EqualTo(text));
    }

    [Test]
    public void Write_Text_EscapesOnlyQuoteBackslashAndControlChars()
    {
        var record = new MarketoRecord(TextSchema, ["a\"b\\c\n\r\t\b\f\u0000\u001F\u007F é😀\u2028<&>'"]);

        var line = WriteLines(record).Single();

        Assert.That(line, Is.EqualTo("{\"text\":\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001F\u007F é😀\u2028<&>'\"}"));
    }

    [TestCaseSource(nameof(LoneSurrogateTexts))]
    public void Write_LoneSurrogate_WritesEscape(string text, string expectedJson)
    {
        var record = new MarketoRecord(TextSchema, [text]);

        var line = WriteLines(record).Single();

        Assert.That(line, Is.EqualTo($"{{\"text\":\"{expectedJson}\"}}"));
        Assert.That(() => JsonDocument.Parse(line).Dispose(), Throws.Nothing, "the line is valid JSON");
    }

    [Test]
    public void Write_LoneSurrogateAtStepBoundary_WritesEscape()
    {
        var text = new string('x', 16_383) + "\uD800" + new string('y', 10);
        var record = new MarketoRecord(TextSchema, [text]);

        var line = WriteLines(record).Single();

        var expected = "{\"text\":\"" + new string('x', 16_383) + "\\uD800" + new string('y', 10) + "\"}";
        Assert.That(line, Is.EqualTo(expected));
    }

    [Test]
    public void Write_EveryNonStringValueType_MatchesWriteToExactly()
    {
        using var element = JsonDocument.Parse("""{"a":[1,"x\u00e9\"",{"b":null}],"c":1.50}""");
        var schema = CreateSchema(16);
        var record = new MarketoRecord(schema, [
            null, 42L, true, false, 12.50m, 0.1d, new DateOnly(1999, 12, 31),
            new DateTimeOffset(2024, 1, 31, 14, 0, 0, 250, TimeSpan.FromHours(2)), element.RootElement.Clone(),
            Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 7, 1.5f, new DateTime(2024, 2, 29, 23, 59, 59),
            TimeSpan.FromMinutes(90), 'q', DayOfWeek.Friday,
        ]);

        var line = WriteLines(record).Single();

        Assert.That(line, Is.EqualTo(record.ToString()));
    }

    [Test]
    public void Write_ExtremeNumbersAndDates_MatchWriteToExactly()
    {
        object?[] values =
        [
            long.MinValue, long.MaxValue, 0L, -1L,
            decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, -0.0000000000000000000000000001m,
            1.50m, 0m, 0.000m, -0.0m, 123456789012345678901234.5678m,
            double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 0d, -0d, 1e20, 1e21, 1e-7, 1e-5,
            1.0 / 3, 123456789012345680000d, 5e-324, 0.1 + 0.2,
            DateOnly.MinValue, DateOnly.MaxValue, DateTimeOffset.MinValue, DateTimeOffset.MaxValue,
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1),
        ];
        var record = new MarketoRecord(CreateSchema(values.Length), values);

        var line = WriteLines(record).Single();

        Assert.That(line, Is.EqualTo(record.ToString()));
    }

    [Test]
    public void Write_NamesNeedingEscapes_MatchWriteToExactly()
    {
        var schema = new RecordSchema("s", [
            new RecordField("naïve", "string"), new RecordField("a\"b\\c", "integer"),
            new RecordField("<tag>&'", "boolean"), new RecordField("line\nbreak", "string"),
        ]);
        var record = new MarketoRecord(schema, ["x", 1L, true, null]);

        var line = WriteLines(record).Single();

        Assert.That(line, Is.EqualTo(record.ToString()));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Write_NonFiniteDouble_ThrowsAsWriteToAndLeavesNoPartialLine(double number)
    {
        var schema = CreateSchema(3);
        var rejected = new MarketoRecord(schema, ["a", 1L, number]);
        var expected = Assert.Throws<ArgumentException>(() => _ = rejected.ToString());
        using var stream = new MemoryStream();

        using (var writer = new JsonLinesWriter(stream, leaveOpen: true))
        {
            writer.Write(new MarketoRecord(schema, ["first", 1L, 1.5]));
            Assert.That(
                () => writer.Write(new MarketoRecord(schema, ["bad", 2L, number])),
                Throws.ArgumentException.With.Message.EqualTo(expected!.Message));
            writer.Write(new MarketoRecord(schema, ["last", 3L, 2.5]));
        }

        Assert.That(
            Encoding.UTF8.GetString(stream.ToArray()),
            Is.EqualTo("{\"f0\":\"first\",\"f1\":1,\"f2\":1.5}\n{\"f0\":\"last\",\"f1\":3,\"f2\":2.5}\n"));
    }

    [Test]
    public void Write_FailureAfterLongText_LeavesNoPartialLine()
    {
        var schema = CreateSchema(2);
        using var stream = new MemoryStream();

        using (var writer = new JsonLinesWriter(stream, leaveOpen: true))
        {
            writer.Write(new MarketoRecord(schema, ["first", null]));
            Assert.That(
                () => writer.Write(new MarketoRecord(schema, [new string('"', 200_000), new Uri("http://a")])),
                Throws.TypeOf<NotSupportedException>());
            writer.Write(new MarketoRecord(schema, ["last", null]));
        }

        Assert.That(
            Encoding.UTF8.GetString(stream.ToArray()),
            Is.EqualTo("{\"f0\":\"first\",\"f1\":null}\n{\"f0\":\"last\",\"f1\":null}\n"));
    }

    [Test]
    public void Write_RandomRecords_ReadBackAsTheirValues()
    {
        var random = new Random(20240131);
        var schema = CreateSchema(12);
        var records = Enumerable.Range(0, 10_000)
            .Select(_ => new MarketoRecord(schema, [.. Enumerable.Range(0, 12).Select(_ => RandomValue(random))]))
            .ToList();

        var lines = WriteLines([.. records]);

        Assert.That(lines, Has.Count.EqualTo(records.Count));
        for (var i = 0; i < records.Count; i++)
        {
            AssertLineMatches(records[i], lines[i], i);
        }
    }

    private static void AssertLineMatches(MarketoRecord record, string line, int row)
    {
        using var document = JsonDocument.Parse(line);
        using var reference = JsonDocument.Parse(record.ToString());
        var properties = document.RootElement.EnumerateObject().ToList();
        Assert.That(properties.Select(p => p.Name), Is.EqualTo(record.Schema.Fields.Select(f => f.Name)), $"row {row}");
        for (var i = 0; i < record.Count; i++)
        {
            var element = properties[i].Value;
            var context = $"row {row}, field {i}, line {line}";
            if (record[i] is string text)
            {
                Assert.That(element.GetString(), Is.EqualTo(text), context);
                continue;
            }

            // Everything but strings is the same text as WriteTo's, which the other tests check against values.
            var expected = reference.RootElement.EnumerateObject().ElementAt(i).Value.GetRawText();
            Assert.That(element.GetRawText(), Is.EqualTo(expected), context);
            AssertValue(record[i], element, context);
        }
    }

    private static void AssertValue(object? value, JsonElement element, string context)
    {
        switch (value)
        {
            case null:
                Assert.That(element.ValueKind, Is.EqualTo(JsonValueKind.Null), context);
                break;
            case long number:
                Assert.That(element.GetInt64(), Is.EqualTo(number), context);
                break;
            case decimal number:
                Assert.That(element.GetRawText(), Is.EqualTo(number.ToString(CultureInfo.InvariantCulture)), context);
                break;
            case double number:
                Assert.That(element.GetDouble(), Is.EqualTo(number), context);
                break;
            case bool flag:
                Assert.That(element.GetBoolean(), Is.EqualTo(flag), context);
                break;
            case DateOnly date:
                var parsed = DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                Assert.That(parsed, Is.EqualTo(date), context);
                break;
            case DateTimeOffset instant:
                Assert.That(element.GetString(), Does.EndWith("Z"), context);
                Assert.That(element.GetDateTimeOffset(), Is.EqualTo(instant), context);
                break;
            default:
                Assert.Fail($"{context}: no check for {value.GetType()}");
                break;
        }
    }

    private static object? RandomValue(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => RandomText(random),
        2 => RandomText(random),
        3 => random.NextInt64(long.MinValue, long.MaxValue),
        4 => random.Next(2) == 0,
        5 => new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29)),
        6 => RandomDouble(random),
        7 => DateOnly.FromDayNumber(random.Next(DateOnly.MaxValue.DayNumber + 1)),
        _ => new DateTimeOffset(random.NextInt64(DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.Zero)
            .ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60))),
    };

    private static double RandomDouble(Random random)
    {
        double number;
        do
        {
            number = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
        }
        while (!double.IsFinite(number));

        return random.Next(3) == 0 ? Math.Round(number, 2) : number;
    }

    private static string RandomText(Random random)
    {
        // Pieces that take every path of the writer: plain runs, escapes, multi-byte and four-byte characters.
        string[] pieces =
            ["a", "Zoë", "\"", "\\", "\n", "\u0001", "\u001F", "\u007F", "\u2028", "東", "😀", " ", "xyz"];
        var length = random.Next(50) == 0 ? random.Next(2_000) : random.Next(40);
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(pieces[random.Next(pieces.Length)]);
        }

        return builder.ToString();
    }

    private static RecordSchema CreateSchema(int fieldCount) =>
        new("s", [.. Enumerable.Range(0, fieldCount).Select(i => new RecordField($"f{i}", "string"))]);

    private static List<string> WriteLines(params MarketoRecord[] records)
    {
        using var stream = new MemoryStream();
        using (var writer = new JsonLinesWriter(stream, leaveOpen: true))
        {
            foreach (var record in records)
            {
                writer.Write(record);
            }
        }

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.That(text, Does.EndWith("\n"));
        return [.. text[..^1].Split('\n')];
    }
}
