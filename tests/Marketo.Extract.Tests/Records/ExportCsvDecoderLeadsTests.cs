using System.Text;
using System.Text.Json;
using Marketo.Extract.Records;
using static Marketo.Extract.Tests.Records.RecordsTestData;

namespace Marketo.Extract.Tests.Records;

public class ExportCsvDecoderLeadsTests
{
    [Test]
    public async Task ReadLeadsAsync_EveryDataType_GivesContractTypes()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-typed.csv");

        var ada = records[0];
        Assert.That(ada["id"], Is.EqualTo(1L));
        Assert.That(ada["email"], Is.EqualTo("ada@example.com"));
        Assert.That(ada["first_name"], Is.EqualTo("Ada"));
        Assert.That(ada["score"], Is.EqualTo(42L));
        Assert.That(ada["percent_complete"], Is.EqualTo(12L));
        Assert.That(ada["revenue"], Is.EqualTo(1234.50m));
        Assert.That(ada["rating"], Is.EqualTo(4.25d));
        Assert.That(ada["is_active"], Is.EqualTo(true));
        Assert.That(ada["birth_date"], Is.EqualTo(new DateOnly(1815, 12, 10)));
        Assert.That(ada["updated_at"], Is.EqualTo(new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero)));
        Assert.That(ada["notes"], Is.EqualTo("first programmer"));
        Assert.That(decoder.Statistics.WarningCount, Is.Zero);
    }

    [Test]
    public async Task ReadLeadsAsync_NullAndEmptyCells_AreNull()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-typed.csv");

        Assert.That(records[1].Values.Skip(1), Is.All.Null, "literal null");
        Assert.That(records[2].Values.Skip(1), Is.All.Null, "empty cells");
        Assert.That(records[3]["notes"], Is.Null, "a quoted empty value");
    }

    [Test]
    public async Task ReadLeadsAsync_EdgeValues_KeepTypeAndValue()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-typed.csv");

        var max = records[3];
        Assert.That(max["id"], Is.EqualTo(long.MaxValue));
        Assert.That(max["score"], Is.EqualTo(-7L));
        Assert.That(max["percent_complete"], Is.EqualTo(12.5m).And.TypeOf<decimal>());
        Assert.That(max["revenue"], Is.EqualTo(0.1m));
        Assert.That(max["rating"], Is.EqualTo(1000d));
        Assert.That(max["is_active"], Is.EqualTo(false));
        Assert.That(max["birth_date"], Is.EqualTo(new DateOnly(2000, 2, 29)));
        Assert.That(max["updated_at"], Is.EqualTo(new DateTimeOffset(2014, 9, 17, 22, 31, 49, TimeSpan.Zero)));
    }

    [Test]
    public async Task ReadLeadsAsync_QuotedValues_AreUnquotedWithBreaksKept()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-quoted.csv");

        Assert.That(records, Has.Count.EqualTo(2));
        Assert.That(records[0]["email"], Is.EqualTo("a,b@example.com"));
        Assert.That(records[0]["first_name"], Is.EqualTo("Anne \"The Hacker\""));
        Assert.That(records[0]["last_name"], Is.EqualTo("Line1\nLine2"));
        Assert.That(records[0]["notes"], Is.EqualTo("para\u2028sep"));
        Assert.That(records[1]["first_name"], Is.Null);
        Assert.That(records[1]["last_name"], Is.EqualTo("CR\r\nLF"));
        Assert.That(records[1]["notes"], Is.EqualTo("\"quoted\""));
    }

    [Test]
    public async Task ReadLeadsAsync_CrlfLineEnds_ReadLikeLf()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-crlf.csv");

        Assert.That(records, Has.Count.EqualTo(2));
        Assert.That(records[0]["notes"], Is.EqualTo("x"));
        Assert.That(records[1]["notes"], Is.EqualTo("y"));
    }

    [Test]
    public async Task ReadLeadsAsync_ByteOrderMark_IsSkipped()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-bom.csv");

        Assert.That(records, Has.Count.EqualTo(1));
        Assert.That(records[0]["id"], Is.EqualTo(1L));
    }

    [Test]
    public async Task ReadLeadsAsync_NulCharacters_AreDroppedAndCounted()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-nul.csv");

        Assert.That(records[0]["email"], Is.EqualTo("a@example.com"));
        Assert.That(records[0]["first_name"], Is.EqualTo("Ann"));
        Assert.That(records[0]["score"], Is.EqualTo(42L));
        Assert.That(records[0]["notes"], Is.EqualTo("nulin quotes"));
        Assert.That(decoder.Statistics.NulCharactersDropped, Is.EqualTo(4));
    }

    [Test]
    public async Task ReadLeadsAsync_NonLatinText_IsKept()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-non-latin.csv");

        Assert.That(records[0]["first_name"], Is.EqualTo("张"));
        Assert.That(records[0]["notes"], Is.EqualTo("中文备注"));
        Assert.That(records[1]["notes"], Is.EqualTo("Привет, мир"));
        Assert.That(records[2]["last_name"], Is.EqualTo("العلي"));
        Assert.That(records[2]["notes"], Is.EqualTo("😀 emoji"));
    }

    [Test]
    public async Task ReadLeadsAsync_UnparseableValues_KeptAsTextWithWarnings()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-unparseable.csv");

        Assert.That(records[0]["score"], Is.EqualTo("abc"));
        Assert.That(records[0]["rating"], Is.EqualTo("NaN"));
        Assert.That(records[0]["is_active"], Is.EqualTo("yes"));
        Assert.That(records[0]["birth_date"], Is.EqualTo("2024-13-01"));
        Assert.That(records[0]["updated_at"], Is.EqualTo("yesterday"));
        Assert.That(records[2]["score"], Is.EqualTo("n/a"));
        Assert.That(decoder.Statistics.WarningCount, Is.EqualTo(6));
    }

    [Test]
    public async Task ReadLeadsAsync_UnparseableValues_WarningNamesFieldAndFirstRow()
    {
        var decoder = CreateDecoder();

        await ReadLeadsAsync(decoder, "leads-unparseable.csv");

        var score = decoder.Statistics.GetWarnings().Single(warning => warning.FieldName == "score");
        Assert.That(score.SchemaName, Is.EqualTo("leads"));
        Assert.That(score.DataType, Is.EqualTo("score"));
        Assert.That(score.Count, Is.EqualTo(2));
        Assert.That(score.FirstRowNumber, Is.EqualTo(1));
        Assert.That(score.FirstValue, Is.EqualTo("abc"));
    }

    [Test]
    public async Task ReadLeadsAsync_FractionAndBigInteger_BecomeExactDecimals()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-unparseable.csv");

        Assert.That(records[0]["percent_complete"], Is.EqualTo(12.5m).And.TypeOf<decimal>());
        Assert.That(records[0]["revenue"], Is.EqualTo(12.30m));
        Assert.That(((decimal)records[0]["revenue"]!).Scale, Is.EqualTo(2), "the scale as written is kept");
        Assert.That(records[1]["score"], Is.EqualTo(99999999999999999999m).And.TypeOf<decimal>());
    }

    [Test]
    public async Task ReadLeadsAsync_JsonLoneSurrogateEscape_KeptAsTextWithWarning()
    {
        var decoder = CreateDecoder();
        var schema = new RecordSchema("leads", [new RecordField("id", "integer"), new RecordField("payload", "json")]);
        await using var stream = OpenFixture("leads-json-lone-surrogate.csv");

        var records = await ToListAsync(decoder.ReadLeadsAsync(stream, schema));

        Assert.That(records[0]["payload"], Is.EqualTo("\"\\ud83d\""));
        Assert.That(records[1]["payload"], Is.EqualTo("{\"a\":\"x\\udc00y\"}"));
        Assert.That(((JsonElement)records[2]["payload"]!).GetString(), Is.EqualTo("\ud83d\ude00"), "a pair is one character");
        Assert.That(((JsonElement)records[3]["payload"]!).GetProperty("a").GetString(), Is.EqualTo("\\ud83d"));
        Assert.That(records.Select(record => record.ToString()), Has.All.Not.Empty, "every record can be written");
        Assert.That(records.Select(record => record.GetValue<string>("payload")), Has.All.Not.Empty);
        var warning = decoder.Statistics.GetWarnings().Single();
        Assert.That(warning.FieldName, Is.EqualTo("payload"));
        Assert.That(warning.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task ReadLeadsAsync_UnparseableValues_LoggedOncePerField()
    {
        var logger = new ListLogger();
        var decoder = new ExportCsvDecoder(logger);

        await ReadLeadsAsync(decoder, "leads-unparseable.csv");

        var scoreLines = logger.Messages.Where(message => message.Contains("Field score ", StringComparison.Ordinal));
        Assert.That(scoreLines.Count(), Is.EqualTo(1));
        Assert.That(scoreLines.Single(), Does.Contain("data row 1").And.Contain("score"));
        Assert.That(scoreLines.Single(), Does.Not.Contain("abc"), "values stay out of logs");
    }

    [Test]
    public void ReadLeadsAsync_WrongColumnCount_ErrorNamesRowAndCounts()
    {
        var decoder = CreateDecoder();

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(() => ReadLeadsAsync(decoder, "leads-wrong-column-count.csv"));

        Assert.That(error!.Message, Does.Contain("Data row 2 (line 3) has 13 values but the header has 12 columns"));
        Assert.That(error.RowNumber, Is.EqualTo(2));
        Assert.That(error.LineNumber, Is.EqualTo(3));
    }

    [Test]
    public async Task ReadLeadsAsync_WrongColumnCount_RowsBeforeAreHandedOut()
    {
        var decoder = CreateDecoder();
        var records = new List<MarketoRecord>();
        await using var stream = OpenFixture("leads-wrong-column-count.csv");

        var read = async () =>
        {
            await foreach (var record in decoder.ReadLeadsAsync(stream, LeadSchema))
            {
                records.Add(record);
            }
        };

        Assert.That(read, Throws.TypeOf<MarketoCsvFormatException>());
        Assert.That(records, Has.Count.EqualTo(1));
    }

    [Test]
    public void ReadLeadsAsync_TruncatedLastRow_ErrorNamesMissingClosingQuote()
    {
        var decoder = CreateDecoder();

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(() => ReadLeadsAsync(decoder, "leads-truncated.csv"));

        Assert.That(error!.Message, Does.Contain("Data row 2 (line 3), column 'notes'"));
        Assert.That(error.Message, Does.Contain("no closing quote"));
        Assert.That(error.ColumnName, Is.EqualTo("notes"));
    }

    [Test]
    public void ReadLeadsAsync_StrayQuote_ErrorNamesRow()
    {
        var decoder = CreateDecoder();

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(() => ReadLeadsAsync(decoder, "leads-stray-quote.csv"));

        Assert.That(error!.Message, Does.Contain("Data row 2 (line 3), column 'notes'"));
        Assert.That(error.Message, Does.Contain("quote inside a value that does not start with a quote"));
    }

    [Test]
    public void ReadLeadsAsync_TextAfterClosingQuote_ErrorNamesColumn()
    {
        var decoder = CreateDecoder();

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(() => ReadLeadsAsync(decoder, "leads-text-after-quote.csv"));

        Assert.That(error!.Message, Does.Contain("Data row 1 (line 2), column 'email'"));
        Assert.That(error.Message, Does.Contain("text after the closing quote"));
    }

    [Test]
    public void ReadLeadsAsync_InvalidUtf8_ErrorNamesRowColumnAndByte()
    {
        var decoder = CreateDecoder();

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(() => ReadLeadsAsync(decoder, "leads-invalid-utf8.csv"));

        Assert.That(error!.Message, Does.Contain("Data row 2 (line 3), column 'firstName'"));
        Assert.That(error.Message, Does.Contain("byte 0xFF at byte offset 189"));
        Assert.That(error.RowNumber, Is.EqualTo(2));
        Assert.That(error.ColumnName, Is.EqualTo("firstName"));
    }

    [Test]
    public void ReadLeadsAsync_MissingColumn_ErrorNamesIt()
    {
        var decoder = CreateDecoder();

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(() => ReadLeadsAsync(decoder, "leads-header-mismatch.csv"));

        Assert.That(error!.Message, Does.Contain("lacks column(s) 'updatedAt', 'notes'"));
        Assert.That(error.Message, Does.Contain("schema 'leads'"));
        Assert.That(error.RowNumber, Is.Zero);
    }

    [Test]
    public async Task ReadLeadsAsync_UnexpectedColumns_KeptAsStringFields()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-unexpected-column.csv");

        var schema = records[0].Schema;
        Assert.That(schema.Name, Is.EqualTo("leads"));
        Assert.That(schema.Fields, Has.Count.EqualTo(LeadSchema.Fields.Count + 2));
        Assert.That(records[0]["nickname"], Is.EqualTo("Annie"));
        Assert.That(records[0]["first_name_2"], Is.EqualTo("dup"), "a column whose name is taken gets a suffix");
        Assert.That(schema.Fields[^1].SourceName, Is.EqualTo("first_name"));
        Assert.That(decoder.Statistics.GetUnexpectedColumns(), Is.EqualTo(new[] { "nickname", "first_name" }));
    }

    [Test]
    public void ReadLeadsAsync_DuplicateHeader_ErrorNamesColumn()
    {
        var decoder = CreateDecoder();

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(() => ReadLeadsAsync(decoder, "leads-duplicate-header.csv"));

        Assert.That(error!.Message, Does.Contain("column 'email' twice (columns 2 and 13)"));
    }

    [TestCase("id,email,firstName,\n7,a@example.com,Ann,\n", 4, TestName = "ReadLeadsAsync_TrailingCommaInHeader_ErrorNamesColumn")]
    [TestCase(",id,email,firstName\n,7,a@example.com,Ann\n", 1, TestName = "ReadLeadsAsync_EmptyFirstHeaderName_ErrorNamesColumn")]
    [TestCase("id,\"\",email,,firstName\n", 2, TestName = "ReadLeadsAsync_TwoEmptyHeaderNames_ErrorNamesFirst")]
    public void ReadLeadsAsync_EmptyHeaderName_ErrorNamesColumn(string csv, int column)
    {
        var decoder = CreateDecoder();
        var schema = RecordSchema.ForLeads(LeadFields.Take(3));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var read = () => ToListAsync(decoder.ReadLeadsAsync(stream, schema));

        var error = Assert.ThrowsAsync<MarketoCsvFormatException>(async () => await read());
        Assert.That(error!.Message, Does.Contain($"has no name for column {column}"));
        Assert.That(error.RowNumber, Is.Zero);
    }

    [TestCase("leads-empty.csv")]
    [TestCase("leads-header-only.csv")]
    public async Task ReadLeadsAsync_NoDataRows_GivesNoRecords(string fixture)
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, fixture);

        Assert.That(records, Is.Empty);
        Assert.That(decoder.Statistics.Files, Is.EqualTo(1));
    }

    [Test]
    public async Task ReadLeadsAsync_BlankLines_SkippedAndCounted()
    {
        var decoder = CreateDecoder();

        var records = await ReadLeadsAsync(decoder, "leads-blank-lines.csv");

        Assert.That(records.Select(record => record["id"]), Is.EqualTo(new object[] { 1L, 2L }));
        Assert.That(decoder.Statistics.BlankLines, Is.EqualTo(2));
        Assert.That(decoder.Statistics.Rows, Is.EqualTo(2));
    }

    [Test]
    public async Task ReadLeadsAsync_OneColumnFile_EmptyLineIsNullValue()
    {
        var decoder = CreateDecoder();
        var schema = RecordSchema.ForLeads([new() { Name = "id", DataType = "integer" }]);
        using var stream = new MemoryStream("id\n1\n\n3\n"u8.ToArray());

        var records = await ToListAsync(decoder.ReadLeadsAsync(stream, schema));

        Assert.That(records.Select(record => record["id"]), Is.EqualTo(new object?[] { 1L, null, 3L }));
    }

    [Test]
    public async Task ReadLeadsAsync_ColumnsInOtherOrder_MatchedByHeader()
    {
        var decoder = CreateDecoder();
        var schema = RecordSchema.ForLeads(LeadFields.Take(3));
        using var stream = new MemoryStream("firstName,id,email\nAnn,7,a@example.com\n"u8.ToArray());

        var records = await ToListAsync(decoder.ReadLeadsAsync(stream, schema));

        Assert.That(records[0][0], Is.EqualTo(7L));
        Assert.That(records[0][1], Is.EqualTo("a@example.com"));
        Assert.That(records[0][2], Is.EqualTo("Ann"));
    }

    [Test]
    public void ReadLeadsAsync_ActivitySchema_RejectedEagerly()
    {
        var decoder = CreateDecoder();
        var schema = RecordSchema.ForActivityType(FillOutForm);

        Assert.That(
            () => decoder.ReadLeadsAsync(Stream.Null, schema),
            Throws.ArgumentException.With.Message.Contains("ReadActivitiesAsync"));
    }

    [Test]
    public async Task ReadLeadsAsync_Cancelled_StopsWithOperationCanceled()
    {
        var decoder = CreateDecoder();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        await using var stream = OpenFixture("leads-typed.csv");

        var read = async () => await ToListAsync(decoder.ReadLeadsAsync(stream, LeadSchema, cancellation.Token));

        Assert.That(read, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ReadLeadsAsync_GeneratedStreamOf200kRows_ReadsEveryRowInBoundedBuffers()
    {
        const int RowCount = 200_000;
        var decoder = CreateDecoder();
        using var stream = new GeneratedLeadStream(RowCount);

        long count = 0;
        long idSum = 0;
        await foreach (var record in decoder.ReadLeadsAsync(stream, LeadSchema))
        {
            count++;
            idSum += (long)record[0]!;
        }

        Assert.That(count, Is.EqualTo(RowCount));
        Assert.That(idSum, Is.EqualTo((long)RowCount * (RowCount + 1) / 2));
        Assert.That(stream.LargestRead, Is.LessThanOrEqualTo(64 * 1024), "the decoder reads in fixed-size blocks");
        Assert.That(decoder.Statistics.WarningCount, Is.Zero);
    }

    [Test]
    public async Task ReadLeadsAsync_RepeatedStrings_ShareOneInstance()
    {
        var decoder = CreateDecoder();
        using var stream = new GeneratedLeadStream(5);

        var records = await ToListAsync(decoder.ReadLeadsAsync(stream, LeadSchema));

        Assert.That(records[0]["notes"], Is.EqualTo("some \"notes\""));
        Assert.That(records[1]["notes"], Is.SameAs(records[0]["notes"]));
        Assert.That(records[1]["last_name"], Is.EqualTo("Last, 2"));
        Assert.That(records[2]["notes"], Is.Null);
    }

    private static ExportCsvDecoder CreateDecoder() => new();
}
