using System.Text;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Tests.Records;

public class Utf8CsvTextReaderTests
{
    private const string Text = "id,name\n1,\"caf\u00e9 \U0001F600\"\n2,\U0001F680\U0001F680x\u0000y\n";
    private const string TextWithoutNul = "id,name\n1,\"caf\u00e9 \U0001F600\"\n2,\U0001F680\U0001F680xy\n";

    [Test]
    public void Read_OneCharBuffers_SplitsSurrogatePairsAcrossReads()
    {
        using var reader = CreateReader();

        var text = ReadAll(reader, _ => 1);

        Assert.That(text, Is.EqualTo(TextWithoutNul));
    }

    [Test]
    public void Read_MixedBufferSizes_ReturnsEveryChar()
    {
        using var reader = CreateReader();

        var text = ReadAll(reader, call => call % 3 == 0 ? 1 : 2 + call % 5);

        Assert.That(text, Is.EqualTo(TextWithoutNul));
    }

    [Test]
    public async Task ReadAsync_OneCharBuffers_SplitsSurrogatePairsAcrossReads()
    {
        using var reader = CreateReader();
        var text = new StringBuilder();
        var buffer = new char[1];

        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
        {
            text.Append(buffer, 0, read);
        }

        Assert.That(text.ToString(), Is.EqualTo(TextWithoutNul));
    }

    private static Utf8CsvTextReader CreateReader() => new(new MemoryStream(Encoding.UTF8.GetBytes(Text)));

    private static string ReadAll(Utf8CsvTextReader reader, Func<int, int> bufferLength)
    {
        var text = new StringBuilder();
        for (var call = 0; ; call++)
        {
            var buffer = new char[bufferLength(call)];
            var read = reader.Read(buffer.AsSpan());
            if (read == 0)
            {
                return text.ToString();
            }

            text.Append(buffer, 0, read);
        }
    }
}
