using Marketo.Extract.Bulk;
using Marketo.Extract.Reliability.Tests.Harness;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Reliability.Tests.BadInput;

/// <summary>
/// Serves a lead export file with one byte changed: the sync must stop with a typed error, never finish with
/// changed data, and the next sync must deliver the window again so the latest copy of each record is right.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[CancelAfter(60_000)]
public class CorruptExportFileTests
{
    [TestCase((byte)'"', true, typeof(BulkExportIntegrityException))]
    [TestCase((byte)'x', true, typeof(BulkExportIntegrityException))]
    [TestCase((byte)'"', false, typeof(MarketoCsvFormatException))]
    public async Task CorruptedFile_StopsTyped_NextSyncRedeliversTheWindow(byte replacement, bool verifyChecksum, Type expectedError)
    {
        CorruptingHandler? corrupter = null;
        await using var harness = ReliabilityHarness.Create(
            wrapHandler: inner => corrupter = new CorruptingHandler(replacement) { InnerHandler = inner });
        harness.ConfigureExtract = options => options.Bulk.VerifyChecksum = verifyChecksum;

        var first = await harness.SyncAsync([StreamIds.Leads]);
        var second = await harness.SyncAsync([StreamIds.Leads]);

        // A consumer that upserts by id keeps the last copy of each record.
        var latest = first.Records.Concat(second.Records).Reverse().DistinctBy(RecordKeys.Of).Reverse().ToList();
        var differences = harness.CompareWithGroundTruth(latest)
            .Where(difference => difference.StartsWith("lead", StringComparison.Ordinal))
            .ToList();
        TestContext.Out.WriteLine(
            $"first sync delivered {first.Records.Count} records before {first.Error?.GetType().Name}; second delivered {second.Records.Count}");
        Assert.That(corrupter!.Corrupted, Is.True);
        Assert.That(first.Error, Is.InstanceOf(expectedError), () => first.Error?.ToString() ?? "no error");
        Assert.That(second.Error, Is.Null, () => second.Error!.ToString());
        Assert.That(differences, Is.Empty);
    }
}
