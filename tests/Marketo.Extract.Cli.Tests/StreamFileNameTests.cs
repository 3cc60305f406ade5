using Marketo.Extract.Cli.Output;

namespace Marketo.Extract.Cli.Tests;

public sealed class StreamFileNameTests
{
    [TestCase("leads")]
    [TestCase("activities_fill_out_form")]
    [TestCase("activities_2024_webinar")]
    public void Check_PlainId_Passes(string streamId) => Assert.That(StreamFileName.Check(streamId), Is.Null);

    [TestCase("../leads")]
    [TestCase("activities_../../etc")]
    [TestCase("a/b")]
    [TestCase("a\\b")]
    [TestCase(".hidden")]
    [TestCase("activities_日本")]
    [TestCase("Leads")]
    [TestCase("con.txt")]
    [TestCase("")]
    public void Check_UnsafeId_IsRejected(string streamId) => Assert.That(StreamFileName.Check(streamId), Is.Not.Null);

    [Test]
    public void Check_OverlongId_IsRejected() =>
        Assert.That(StreamFileName.Check(new string('a', StreamFileName.MaxStreamIdLength + 1)), Does.Contain("characters long"));

    [Test]
    public void PathOf_UnsafeId_Throws()
    {
        var exception = Assert.Throws<CliException>(() => StreamFileName.PathOf("/tmp/out", "../../x", OutputFormat.Jsonl));

        Assert.That(exception!.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    [Test]
    public void Printable_ControlAndNonAscii_AreEscaped() =>
        Assert.That(StreamFileName.Printable("a\nb日"), Is.EqualTo("a\\u000ab\\u65e5"));
}
