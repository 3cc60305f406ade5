using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Marketo.Extract.Testing.Tests;

public sealed class ExportFileTests
{
    private static readonly DateTimeOffset WindowStart = EmulatorHarness.Start.AddDays(-30);

    [Test]
    public async Task LeadFile_EveryCellMatchesGroundTruth()
    {
        await using var harness = EmulatorHarness.Create(o => o.HistoryDays = 30);
        var fields = harness.Emulator.Dataset.LeadFields.Where(f => f.RestName is not null).Select(f => f.RestName!).ToList();
        string body = "{\"fields\":[" + string.Join(',', fields.Select(f => $"\"{f}\"")) + "],\"filter\":" +
            EmulatorHarness.CreatedAtFilter(WindowStart, EmulatorHarness.Start) + "}";

        byte[] bytes = await harness.ExportBytesAsync("leads", body);

        var rows = CsvReader.Parse(Encoding.UTF8.GetString(bytes));
        var leads = harness.Emulator.Dataset.Leads;
        Assert.That(rows[0], Is.EqualTo(fields));
        Assert.That(rows, Has.Count.EqualTo(leads.Count + 1));
        for (int i = 0; i < leads.Count; i++)
        {
            var expected = fields.Select(f => Format(leads[i].Values[f]));
            Assert.That(rows[i + 1], Is.EqualTo(expected), $"lead {leads[i].Id}");
        }
    }

    [Test]
    public async Task LeadFile_ContainsEveryAwkwardValue()
    {
        await using var harness = EmulatorHarness.Create(o => o.HistoryDays = 30);
        string body = """{"fields":["id","company","firstName","notes__c","favoriteColor__c","leadScoreBoost__c"],"filter":""" +
            EmulatorHarness.CreatedAtFilter(WindowStart, EmulatorHarness.Start) + "}";

        string text = Encoding.UTF8.GetString(await harness.ExportBytesAsync("leads", body));

        var cells = CsvReader.Parse(text).Skip(1).SelectMany(r => r).ToList();
        Assert.That(text, Does.EndWith("\n"));
        Assert.That(text, Does.Not.Contain("\r\n" + "1"), "rows end with LF, not CRLF");
        Assert.That(cells, Does.Contain("comma, inside"));
        Assert.That(cells, Does.Contain("He said \"hi\", then left"));
        Assert.That(cells, Does.Contain("line one\nline two"));
        Assert.That(cells, Does.Contain("windows line\r\nbreak"));
        Assert.That(cells, Does.Contain("line\u2028separator"));
        Assert.That(cells, Does.Contain("nul\0byte"));
        Assert.That(cells, Does.Contain("日本語のテキスト"));
        Assert.That(cells, Does.Contain("emoji 🎉🚀 text"));
        Assert.That(cells, Does.Contain(""));
        Assert.That(cells, Does.Contain("null"));
        Assert.That(cells.Any(c => c.EndsWith(".5", StringComparison.Ordinal)), Is.True, "percent values with a fraction");
        Assert.That(text, Does.Contain("\"nul\0byte\""), "cells with NUL are quoted");
        Assert.That(text, Does.Contain("\"line\u2028separator\""), "cells with U+2028 are quoted");
    }

    [Test]
    public async Task LeadFile_NastyDataOff_PlainAscii()
    {
        await using var harness = EmulatorHarness.Create(o =>
        {
            o.HistoryDays = 30;
            o.NastyData = false;
        });
        string body = """{"fields":["id","company","firstName","notes__c","favoriteColor__c"],"filter":""" +
            EmulatorHarness.CreatedAtFilter(WindowStart, EmulatorHarness.Start) + "}";

        string text = Encoding.UTF8.GetString(await harness.ExportBytesAsync("leads", body));

        Assert.That(text.All(c => c is >= ' ' and <= '~' or '\n'), Is.True);
        Assert.That(text, Does.Not.Contain("\""));
    }

    [Test]
    public async Task ActivityFile_ColumnsAndAttributesMatchGroundTruth()
    {
        await using var harness = EmulatorHarness.Create(o => o.HistoryDays = 30);

        byte[] bytes = await harness.ExportBytesAsync("activities", EmulatorHarness.ActivityBody(WindowStart, EmulatorHarness.Start));

        var rows = CsvReader.Parse(Encoding.UTF8.GetString(bytes));
        var activities = harness.Emulator.Dataset.Activities;
        Assert.That(rows[0], Is.EqualTo(new[]
        {
            "marketoGUID", "leadId", "activityDate", "activityTypeId", "campaignId", "primaryAttributeValueId",
            "primaryAttributeValue", "attributes",
        }));
        Assert.That(rows, Has.Count.EqualTo(activities.Count + 1));
        for (int i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var row = rows[i + 1];
            Assert.That(row[0], Is.EqualTo(activity.MarketoGuid));
            Assert.That(row[1], Is.EqualTo(Format(activity.LeadId)));
            Assert.That(row[2], Is.EqualTo(Format(activity.ActivityDate)));
            Assert.That(row[3], Is.EqualTo(Format((long)activity.ActivityTypeId)));
            Assert.That(row[4], Is.EqualTo(Format(activity.CampaignId)));
            Assert.That(row[5], Is.EqualTo(Format(activity.PrimaryAttributeValueId)));
            Assert.That(row[6], Is.EqualTo(Format(activity.PrimaryAttributeValue)));
            AssertAttributes(row[7], activity);
        }

        Assert.That(rows.Skip(1).Select(r => r[3]), Does.Not.Contain("37"));
    }

    [Test]
    public async Task ActivityFile_TypeFilterAndActionResult()
    {
        await using var harness = EmulatorHarness.Create(o => o.HistoryDays = 30);
        string body = """{"fields":["marketoGUID","activityTypeId","actionResult"],"filter":{"activityTypeIds":[1,100001],""" +
            EmulatorHarness.CreatedAtFilter(WindowStart, EmulatorHarness.Start)[1..] + "}";

        var rows = CsvReader.Parse(Encoding.UTF8.GetString(await harness.ExportBytesAsync("activities", body)));

        var expected = harness.Emulator.Dataset.Activities.Where(a => a.ActivityTypeId is 1 or 100001).ToList();
        Assert.That(rows.Skip(1).Select(r => r[0]), Is.EqualTo(expected.Select(a => a.MarketoGuid)));
        Assert.That(rows.Skip(1).Select(r => r[2]), Is.EqualTo(expected.Select(a => a.ActionResult)));
    }

    [Test]
    public async Task TsvFormat_TabSeparated()
    {
        await using var harness = EmulatorHarness.Create();
        string body = """{"fields":["id","email","company"],"format":"TSV","filter":""" + EmulatorHarness.CreatedAtFilter(WindowStart, EmulatorHarness.Start) + "}";

        string text = Encoding.UTF8.GetString(await harness.ExportBytesAsync("leads", body));

        Assert.That(text, Does.StartWith("id\temail\tcompany\n"));
        Assert.That(CsvReader.Parse(text, '\t').Skip(1).All(r => r.Count == 3), Is.True);
    }

    [Test]
    public async Task SameSeed_SameBytes_OtherSeed_OtherBytes()
    {
        string body = EmulatorHarness.LeadCreatedBody(WindowStart, EmulatorHarness.Start, "\"id\",\"firstName\",\"favoriteColor__c\",\"annualRevenue\"");
        await using var first = EmulatorHarness.Create(o => o.Seed = 42);
        await using var second = EmulatorHarness.Create(o => o.Seed = 42);
        await using var other = EmulatorHarness.Create(o => o.Seed = 43);

        byte[] a = await first.ExportBytesAsync("leads", body);
        byte[] b = await second.ExportBytesAsync("leads", body);
        byte[] c = await other.ExportBytesAsync("leads", body);
        byte[] activitiesA = await first.ExportBytesAsync("activities", EmulatorHarness.ActivityBody(WindowStart, EmulatorHarness.Start));
        byte[] activitiesB = await second.ExportBytesAsync("activities", EmulatorHarness.ActivityBody(WindowStart, EmulatorHarness.Start));

        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
        Assert.That(activitiesB, Is.EqualTo(activitiesA));
    }

    private static void AssertAttributes(string cell, EmulatedActivity activity)
    {
        using var json = JsonDocument.Parse(cell);
        var properties = json.RootElement.EnumerateObject().ToList();
        Assert.That(properties.Select(p => p.Name), Is.EqualTo(activity.Attributes.Select(a => a.Key)), activity.MarketoGuid);
        foreach (var (property, (_, value)) in properties.Zip(activity.Attributes))
        {
            object? actual = value switch
            {
                long => property.Value.GetInt64(),
                bool => property.Value.GetBoolean(),
                double => property.Value.GetDouble(),
                decimal => property.Value.GetDecimal(),
                DateTimeOffset => DateTimeOffset.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture),
                DateOnly => DateOnly.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture),
                _ => property.Value.GetString(),
            };
            Assert.That(actual, Is.EqualTo(value), $"{activity.MarketoGuid} {property.Name}");
        }
    }

    /// <summary>Formats a typed value as Marketo's export writes it, independently of the emulator's writer.</summary>
    private static string Format(object? value) => value switch
    {
        null => "null",
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        _ => throw new AssertionException($"unexpected value type {value.GetType()}"),
    };
}
