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

    [Test]
    public async Task WriteAllAsync_Records_WritesEveryLineInOrder()
    {
        using var stream = new MemoryStream();
        long count;

        await using (var writer = CreateWriter(stream))
        {
            count = await writer.WriteAllAsync(GenerateAsync(1_000));
        }

        var lines = Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n').Split('\n');
        Assert.That(count, Is.EqualTo(1_000));
        Assert.That(lines, Is.EqualTo(Enumerable.Range(0, 1_000).Select(i => $"{{\"id\":{i},\"name\":\"n{i}\"}}")));
    }

    [Test]
    public async Task WriteAllAsync_SequenceThrows_WritesEarlierRecordsAndRethrows()
    {
        using var stream = new MemoryStream();

        await using (var writer = CreateWriter(stream))
        {
            Assert.That(
                () => writer.WriteAllAsync(GenerateAsync(300, thenFail: true)),
                Throws.InvalidOperationException.With.Message.EqualTo("The sequence failed."));
            Assert.That(writer.RecordsWritten, Is.EqualTo(300));
        }

        Assert.That(Encoding.UTF8.GetString(stream.ToArray()).Split('\n'), Has.Length.EqualTo(301));
    }

    [Test]
    public async Task WriteAllAsync_RecordFails_StopsSequenceAndLeavesNoPartialLine()
    {
        using var stream = new MemoryStream();
        var source = new TrackedSequence(badRecordAt: 10);

        await using (var writer = CreateWriter(stream))
        {
            Assert.That(() => writer.WriteAllAsync(source.ReadAsync()), Throws.TypeOf<NotSupportedException>());
            Assert.That(writer.RecordsWritten, Is.EqualTo(10));
        }

        Assert.That(source.Disposed, Is.True, "the enumeration was stopped and disposed");
        Assert.That(source.Yielded, Is.LessThan(TrackedSequence.Length));
        Assert.That(Encoding.UTF8.GetString(stream.ToArray()).Split('\n'), Has.Length.EqualTo(11));
    }

    [Test]
    public async Task WriteAllAsync_Cancelled_ThrowsAndStopsSequence()
    {
        using var stream = new MemoryStream();
        using var cancellation = new CancellationTokenSource();
        var source = new TrackedSequence(badRecordAt: -1) { PauseAt = 5 };

        await using var writer = CreateWriter(stream);
        var writing = writer.WriteAllAsync(source.ReadAsync(), cancellation.Token);
        await source.Paused.Task;
        await cancellation.CancelAsync();

        Assert.That(() => writing, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(source.Disposed, Is.True);
    }

    private static async IAsyncEnumerable<MarketoRecord> GenerateAsync(int count, bool thenFail = false)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new MarketoRecord(Schema, [(long)i, $"n{i}"]);
        }

        if (thenFail)
        {
            throw new InvalidOperationException("The sequence failed.");
        }
    }

    private static JsonLinesWriter CreateWriter(Stream stream) => new(stream, leaveOpen: true);

    /// <summary>A long sequence that records how far it was read and whether it was disposed.</summary>
    private sealed class TrackedSequence(int badRecordAt)
    {
        public const int Length = 1_000_000;

        public int PauseAt { get; init; } = -1;

        public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Yielded { get; private set; }

        public bool Disposed { get; private set; }

        public async IAsyncEnumerable<MarketoRecord> ReadAsync(
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                for (var i = 0; i < Length; i++)
                {
                    if (i == PauseAt)
                    {
                        Paused.SetResult();
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }

                    Yielded++;
                    object value = i == badRecordAt ? new object() : $"n{i}";
                    yield return new MarketoRecord(Schema, [(long)i, value]);
                }
            }
            finally
            {
                Disposed = true;
            }
        }
    }
}
