namespace Marketo.Extract.Tests.EndToEnd;

[Parallelizable(ParallelScope.Self)]
public class ResumeEndToEndTests
{
    private enum StopKind
    {
        Break,
        ConsumerThrows,
        Cancel,
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task SyncStoppedAtRandomPoints_LosesNothingAndRepeatsLittle(int seed)
    {
        await using var harness = EmulatorHarness.Create(seed: 20 + seed);
        var random = new Random(seed);
        var delivered = new List<(string StreamId, string Key)>();
        var stops = 0;

        var finished = false;
        while (!finished)
        {
            var stopAfter = random.Next(1, 1500);
            var kind = (StopKind)(stops % 3);
            finished = await RunUntilStoppedAsync(harness, delivered, stopAfter, kind);
            stops += finished ? 0 : 1;
            Assert.That(stops, Is.LessThan(60), "the sync never finished");
        }

        var dataset = harness.Emulator.Dataset;
        var keys = delivered.Select(item => item.Key).ToHashSet();
        var expectedLeads = dataset.Leads.Select(lead => "lead:" + lead.Id);
        var expectedActivities = dataset.Activities.Where(a => a.ActivityTypeId != 37).Select(a => "activity:" + a.MarketoGuid);
        var expectedCampaigns = dataset.Campaigns.Where(c => c.UpdatedAt >= harness.StartDate).Select(c => "campaign:" + c.Id);
        Assert.That(expectedLeads.Where(key => !keys.Contains(key)), Is.Empty, "missing leads");
        Assert.That(expectedActivities.Where(key => !keys.Contains(key)), Is.Empty, "missing activities");
        Assert.That(expectedCampaigns.Where(key => !keys.Contains(key)), Is.Empty, "missing campaigns");
        Assert.That(stops, Is.GreaterThan(0));

        // Every stop may repeat what the stopped stream delivered since its last checkpoint: at most one export
        // window of one stream, or the whole of a stream read in one pass, such as campaigns or lists.
        var duplicates = delivered.Count - keys.Count;
        var largestStream = delivered.GroupBy(item => item.StreamId).Max(group => group.Select(item => item.Key).Distinct().Count());
        TestContext.Out.WriteLine($"stops: {stops}, delivered: {delivered.Count}, duplicates: {duplicates}");
        Assert.That(duplicates, Is.LessThanOrEqualTo(stops * largestStream));
    }

    private static async Task<bool> RunUntilStoppedAsync(
        EmulatorHarness harness,
        List<(string StreamId, string Key)> delivered,
        int stopAfter,
        StopKind kind)
    {
        using var cancellation = new CancellationTokenSource();
        var count = 0;
        try
        {
            await foreach (var record in harness.CreateExtractor().ReadAsync(cancellationToken: cancellation.Token))
            {
                // The consumer stores each record before asking for the next one.
                delivered.Add((record.StreamId, GroundTruth.KeyOf(record)));
                if (++count < stopAfter)
                {
                    continue;
                }

                switch (kind)
                {
                    case StopKind.Break:
                        return false;
                    case StopKind.ConsumerThrows:
                        throw new InvalidOperationException("The consumer failed.");
                    default:
                        await cancellation.CancelAsync();
                        break;
                }
            }

            return true;
        }
        catch (InvalidOperationException ex) when (ex.Message == "The consumer failed.")
        {
            return false;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return false;
        }
    }
}
