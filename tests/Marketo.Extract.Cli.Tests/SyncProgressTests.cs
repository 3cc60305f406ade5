using Marketo.Extract.Cli.Terminal;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Tests;

/// <summary>The status line and log lines of a sync.</summary>
public sealed class SyncProgressTests
{
    [Test]
    public void Report_Interactive_LabelsStreamAndTotalCounts()
    {
        using var output = new StringWriter();
        var progress = new SyncProgress(output, interactive: true);

        progress.Report(new ExtractProgress { StreamId = "campaigns", StreamRecords = 40, TotalRecords = 1_240 });

        Assert.That(output.ToString(), Does.StartWith("\rcampaigns: 40 records (1,240 in all streams) | jobs: "));
    }
}
