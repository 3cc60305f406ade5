using System.Text;
using Marketo.Extract.Records.Internal;

namespace Marketo.Extract.Tests.Records;

public sealed class Utf8CsvTextReaderTests
{
    private const string Text = "a😀b,é\n";

    [Test]
    public async Task ReadAsync_OneCharacterBuffers_ReturnsWholeText()
    {
        using var reader = new Utf8CsvTextReader(new MemoryStream(Encoding.UTF8.GetBytes(Text)));
        var builder = new StringBuilder();
        var buffer = new char[1];

        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory())) > 0)
        {
            builder.Append(buffer, 0, read);
        }

        Assert.That(builder.ToString(), Is.EqualTo(Text));
    }

    [Test]
    public void Read_OneCharacterBuffers_ReturnsWholeText()
    {
        using var reader = new Utf8CsvTextReader(new MemoryStream(Encoding.UTF8.GetBytes(Text)));
        var builder = new StringBuilder();
        Span<char> buffer = stackalloc char[1];

        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            builder.Append(buffer[..read]);
        }

        Assert.That(builder.ToString(), Is.EqualTo(Text));
    }

    [Test]
    public void Read_EmptyBuffer_ReturnsZero()
    {
        using var reader = new Utf8CsvTextReader(new MemoryStream(Encoding.UTF8.GetBytes(Text)));

        Assert.That(reader.Read(Span<char>.Empty), Is.Zero);
    }
}
