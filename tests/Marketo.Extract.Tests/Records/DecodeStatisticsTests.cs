using Marketo.Extract.Records;

namespace Marketo.Extract.Tests.Records;

public class DecodeStatisticsTests
{
    private static readonly RecordField Score = new("score", "score");

    [Test]
    public void AddWarning_PairAcrossCut_CutsBeforeIt()
    {
        var statistics = new DecodeStatistics();

        statistics.AddWarning("leads", Score, 1, new string('a', 99) + "\U0001F600 and more");

        var example = statistics.GetWarnings().Single().FirstValue;
        Assert.That(example, Is.EqualTo(new string('a', 99)));
    }

    [Test]
    public void AddWarning_PairBeforeCut_KeepsIt()
    {
        var statistics = new DecodeStatistics();

        statistics.AddWarning("leads", Score, 1, new string('a', 98) + "\U0001F600 and more");

        var example = statistics.GetWarnings().Single().FirstValue;
        Assert.That(example, Is.EqualTo(new string('a', 98) + "\U0001F600"));
    }
}
