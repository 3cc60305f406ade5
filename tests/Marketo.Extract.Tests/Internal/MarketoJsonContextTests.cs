using System.Text.Json;
using Marketo.Extract.Internal.Json;

namespace Marketo.Extract.Tests.Internal;

public class MarketoJsonContextTests
{
    [TestCase("2016-05-17T22:11:45Z")]
    [TestCase("2016-05-17T14:11:45-08:00")]
    [TestCase("2016-05-17T22:11:45+0000")]
    [TestCase("2016-05-17T22:11:45Z+0000")]
    [TestCase("2016-05-17T22:11:45.000Z")]
    public void ExportJob_ReadsEveryTimestampForm_AsUtc(string timestamp)
    {
        var json = $$"""{"success":true,"result":[{"exportId":"x","status":"Queued","createdAt":"{{timestamp}}","queuedAt":null,"startedAt":""}]}""";

        var envelope = JsonSerializer.Deserialize(json, MarketoJsonContext.Default.MarketoEnvelopeExportJobDto)!;

        var job = envelope.Result![0];
        Assert.That(job.CreatedAt, Is.EqualTo(new DateTimeOffset(2016, 5, 17, 22, 11, 45, TimeSpan.Zero)));
        Assert.That(job.CreatedAt!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(job.QueuedAt, Is.Null);
        Assert.That(job.StartedAt, Is.Null);
    }

    [Test]
    public void Envelope_ReadsWarningsAsStringsOrObjects()
    {
        const string json = """{"success":true,"warnings":["No assets found",{"code":1003,"message":"Invalid"}]}""";

        var envelope = JsonSerializer.Deserialize(json, MarketoJsonContext.Default.MarketoEnvelopeJsonElement)!;

        Assert.That(envelope.Warnings, Has.Count.EqualTo(2));
        Assert.That(envelope.Warnings![0].GetString(), Is.EqualTo("No assets found"));
        Assert.That(envelope.Warnings[1].GetProperty("code").GetInt32(), Is.EqualTo(1003));
        Assert.That(envelope.Result, Is.Null);
    }

    [Test]
    public void CreateBody_LeavesUnsetFiltersOut()
    {
        var body = new ExportCreateBody
        {
            Fields = ["id"],
            Filter = new ExportFilterBody { StaticListId = 5 },
        };

        var json = JsonSerializer.Serialize(body, MarketoJsonContext.Default.ExportCreateBody);

        Assert.That(json, Is.EqualTo("""{"fields":["id"],"format":"CSV","filter":{"staticListId":5}}"""));
    }
}
