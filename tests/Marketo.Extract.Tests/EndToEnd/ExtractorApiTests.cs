using Marketo.Extract.Models;
using Marketo.Extract.Records;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Tests.EndToEnd;

[Parallelizable(ParallelScope.Self)]
public class ExtractorApiTests
{
    [Test]
    public async Task ReadBatchesAsync_EachCheckpointCoversItsBatch()
    {
        await using var harness = EmulatorHarness.Create();
        var extractor = harness.CreateExtractor();
        var batches = new List<RecordBatch>();

        await foreach (var batch in extractor.ReadBatchesAsync([StreamIds.Leads, StreamIds.Campaigns], maxBatchSize: 100))
        {
            // Nothing of this batch may be saved before the consumer requests the next batch.
            if (batch.Checkpoint is { } checkpoint && harness.Store.States.TryGetValue(batch.StreamId, out var saved))
            {
                Assert.That(saved.Cursor, Is.Not.EqualTo(checkpoint.Cursor).Or.EqualTo(null), batch.StreamId);
            }

            batches.Add(batch);
        }

        Assert.That(batches.All(batch => batch.Records.Count <= 100), Is.True);
        Assert.That(batches.Sum(batch => batch.Records.Count), Is.EqualTo(extractor.LastSummary!.TotalRecords));
        var lastLeads = batches.Last(batch => batch.StreamId == StreamIds.Leads);
        Assert.That(lastLeads.Checkpoint, Is.Not.Null);
        Assert.That(harness.Store.States[StreamIds.Leads].Cursor, Is.EqualTo(lastLeads.Checkpoint!.Cursor));
    }

    [Test]
    public async Task ReadStreamAsync_TypedRecords()
    {
        await using var harness = EmulatorHarness.Create();
        var extractor = harness.CreateExtractor();

        var lists = new List<StaticList>();
        await foreach (var list in extractor.ReadStreamAsync<StaticList>(StreamIds.Lists))
        {
            lists.Add(list);
        }

        Assert.That(lists, Is.Not.Empty);
    }

    [Test]
    public async Task ReadStreamAsync_WrongType_ErrorNamesTheRightOne()
    {
        await using var harness = EmulatorHarness.Create();
        var extractor = harness.CreateExtractor();

        var error = Assert.ThrowsAsync<InvalidCastException>(async () =>
        {
            await foreach (var unused in extractor.ReadStreamAsync<Campaign>(StreamIds.Lists))
            {
            }
        });

        Assert.That(error!.Message, Does.Contain("StaticList"));
    }

    [TestCase("")]
    [TestCase("leeds")]
    public void ReadAsync_UnknownStream_ThrowsBeforeAnyCall(string streamId)
    {
        var client = new MarketoClient(new MarketoClientOptions
        {
            BaseAddress = new Uri("http://127.0.0.1:9"),
            ClientId = "id",
            ClientSecret = "secret",
        });
        var extractor = new MarketoExtractor(client, new InMemoryCursorStore(), new MarketoExtractOptions());

        var error = Assert.Throws<ArgumentException>(() => extractor.ReadAsync([streamId]));

        Assert.That(error!.Message, Does.Contain("stream").IgnoreCase);
        client.Dispose();
    }

    [Test]
    public async Task ReadAsync_UnknownActivityStream_ErrorListsHowToFindThem()
    {
        await using var harness = EmulatorHarness.Create();

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await harness.SyncAsync(["activities_no_such_type"]));

        Assert.That(error!.Message, Does.Contain("activities_no_such_type"));
        Assert.That(error.Message, Does.Contain("DiscoverAsync"));
    }

    [TestCase(0)]
    [TestCase(31)]
    public void ReadAsync_WindowOutOfRange_NamesTheRule(int days)
    {
        var client = new MarketoClient(new MarketoClientOptions
        {
            BaseAddress = new Uri("http://127.0.0.1:9"),
            ClientId = "id",
            ClientSecret = "secret",
        });
        var extractor = new MarketoExtractor(client, new InMemoryCursorStore(), new MarketoExtractOptions { WindowInDays = days });

        var error = Assert.Throws<ArgumentException>(() => extractor.ReadAsync());

        Assert.That(error!.Message, Does.Contain("between 1 and 30"));
        client.Dispose();
    }

    [Test]
    public async Task ReadAsync_LeadsWithoutStartDate_SaysToSetIt()
    {
        await using var harness = EmulatorHarness.Create();
        var options = harness.CreateOptions();
        options.StartDate = null;
        var extractor = new MarketoExtractor(harness.Client, new InMemoryCursorStore(), options, harness.Clock);

        var error = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var unused in extractor.ReadAsync([StreamIds.Leads]))
            {
            }
        });

        Assert.That(error!.Message, Does.Contain("StartDate"));
    }

    [Test]
    public async Task DiscoverAsync_ListsLeadFieldsAndActivityStreams()
    {
        await using var harness = EmulatorHarness.Create();

        var streams = await harness.CreateExtractor().DiscoverAsync();

        var leads = streams.Single(stream => stream.Id == StreamIds.Leads);
        Assert.That(leads.Fields.Select(field => field.DataType), Does.Contain("percent"));
        Assert.That(streams.Select(stream => stream.Id), Does.Contain("activities_fill_out_form"));
        Assert.That(streams.Select(stream => stream.Id), Does.Not.Contain("activities_delete_lead"));
        Assert.That(streams.Where(stream => stream.Id.StartsWith(StreamIds.ActivitiesPrefix, StringComparison.Ordinal))
            .All(stream => stream.ActivityTypeId is not null), Is.True);
    }

    [Test]
    public async Task LeadFields_Selected_ExportsThoseAndTheKeys()
    {
        await using var harness = EmulatorHarness.Create();
        var options = harness.CreateOptions();
        options.LeadFields = ["email"];
        var extractor = new MarketoExtractor(harness.Client, new InMemoryCursorStore(), options, harness.Clock);

        var leads = new List<MarketoRecord>();
        await foreach (var lead in extractor.ReadStreamAsync<MarketoRecord>(StreamIds.Leads))
        {
            leads.Add(lead);
        }

        Assert.That(leads[0].Schema.Fields.Select(field => field.SourceName), Is.EqualTo(new[] { "id", "createdAt", "updatedAt", "email" }));
    }

    [Test]
    public async Task FullRefresh_ReadsCampaignsWholeEveryTime()
    {
        await using var harness = EmulatorHarness.Create();
        var options = harness.CreateOptions();
        options.FullRefresh = true;
        var store = new InMemoryCursorStore();

        var first = await CountAsync(new MarketoExtractor(harness.Client, store, options, harness.Clock));
        var second = await CountAsync(new MarketoExtractor(harness.Client, store, options, harness.Clock));

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Is.EqualTo(harness.Emulator.Dataset.Campaigns.Count));
    }

    private static async Task<int> CountAsync(MarketoExtractor extractor)
    {
        var count = 0;
        await foreach (var unused in extractor.ReadAsync([StreamIds.Campaigns]))
        {
            count++;
        }

        return count;
    }
}
