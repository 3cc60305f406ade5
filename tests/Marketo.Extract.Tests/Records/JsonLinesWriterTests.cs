using System.Text;
using Marketo.Extract.Records;

namespace Marketo.Extract.Tests.Records;

public class JsonLinesWriterTests
{
    private static readonly RecordSchema Schema = new("s", [new RecordField("id", "integer"), new RecordField("name", "string")]);

    [Test]
    public async Task WriteAsync_Records_OneCompactLineEach()
    {
        using var stream = new MemoryStream();
        await using (var writer = CreateWriter(stream))
        {
            await writer.WriteAsync(new MarketoRecord(Schema, [1L, "Zoë"]));
            await writer.WriteAsync(new MarketoRecord(Schema, [2L, null]));
        }

        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo("{\"id\":1,\"name\":\"Zoë\"}\n{\"id\":2,\"name\":null}\n"));
    }

    [Test]
    public async Task WriteAsync_RecordThatFails_LeavesNoPartialLine()
    {
        using var stream = new MemoryStream();
        await using (var writer = CreateWriter(stream))
        {
            await writer.WriteAsync(new MarketoRecord(Schema, [1L, "a"]));

            var bad = () => writer.WriteAsync(new MarketoRecord(Schema, [2L, new object()])).AsTask();
            Assert.That(bad, Throws.TypeOf<NotSupportedException>());

            await writer.WriteAsync(new MarketoRecord(Schema, [3L, "c"]));
            Assert.That(writer.RecordsWritten, Is.EqualTo(2));
        }

        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo("{\"id\":1,\"name\":\"a\"}\n{\"id\":3,\"name\":\"c\"}\n"));
    }

    [Test]
    public async Task WriteAsync_ManyRecords_WritesInBlocksBeforeFlush()
    {
        using var stream = new MemoryStream();
        var writer = CreateWriter(stream);

        for (var i = 0; i < 10_000; i++)
        {
            await writer.WriteAsync(new MarketoRecord(Schema, [(long)i, "some name"]));
        }

        Assert.That(stream.Length, Is.GreaterThan(0), "full blocks are written as they fill");
        await writer.DisposeAsync();
        Assert.That(Encoding.UTF8.GetString(stream.ToArray()).Split('\n'), Has.Length.EqualTo(10_001));
    }

    [Test]
    public void Dispose_LeaveOpenFalse_ClosesStream()
    {
        var stream = new MemoryStream();
        var writer = new JsonLinesWriter(stream);

        writer.Write(new MarketoRecord(Schema, [1L, "a"]));
        writer.Dispose();

        Assert.That(stream.CanWrite, Is.False);
    }

    private static JsonLinesWriter CreateWriter(Stream stream) => new(stream, leaveOpen: true);
}
