using System.Text;
using Marketo.Extract.Models;
using Marketo.Extract.Records;

namespace Marketo.Extract.Reliability.Tests.BadInput;

/// <summary>Values built to break naive code: very long fields and activity type names that look like paths.</summary>
[CancelAfter(10_000)]
public class HostileValueTests
{
    [TestCase(100_000)]
    [TestCase(1_000_000)]
    public async Task LongQuotedField_ReadsBackWhole(int length)
    {
        var value = string.Concat(Enumerable.Repeat("ab,\"c\"\n中😀", length / 10 + 1))[..length];
        var csv = "id,notes\n1,\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\n2,short\n";
        var schema = RecordSchema.ForLeads([new LeadField { Name = "id", DataType = "integer" }, new LeadField { Name = "notes", DataType = "text" }]);

        var records = await new ExportCsvDecoder().ReadLeadsAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), schema).ToListAsync();

        Assert.That(records, Has.Count.EqualTo(2));
        Assert.That(records[0][1], Is.EqualTo(value));
        Assert.That(records[1][1], Is.EqualTo("short"));
    }

    [TestCase("../../etc/passwd")]
    [TestCase("..\\..\\Windows\\System32")]
    [TestCase("/absolute/path")]
    [TestCase("C:\\temp\\x")]
    [TestCase("name\0with\0nul")]
    [TestCase("   ")]
    [TestCase("😀😀😀")]
    public void HostileActivityTypeName_BecomesSafeStreamId(string name)
    {
        var type = new ActivityType { Id = 1001, Name = name };

        var schema = RecordSchema.ForActivityTypes([type], ActivityAttributeLayout.Flattened)[1001];

        Assert.That(schema.Name, Does.Match("^[a-z0-9_]+$"));
        Assert.That(schema.Name, Does.Not.Contain(".."));
    }

    [Test]
    public void ActivityTypeNameOfTenThousandCharacters_GivesBoundedStreamId()
    {
        var type = new ActivityType { Id = 1002, Name = new string('a', 5_000) + "/" + new string('b', 5_000) };

        var schema = RecordSchema.ForActivityTypes([type], ActivityAttributeLayout.Flattened)[1002];

        Assert.That(schema.Name, Does.Match("^[a-z0-9_]+$"));
        Assert.That(schema.Name.Length, Is.LessThanOrEqualTo(255), "a stream id this long breaks file names and table names");
    }

    [Test]
    public void TwoHostileNamesThatNormaliseAlike_GetDistinctStreamIds()
    {
        ActivityType[] types = [new() { Id = 1003, Name = "a/b" }, new() { Id = 1004, Name = "a\\b" }];

        var schemas = RecordSchema.ForActivityTypes(types, ActivityAttributeLayout.Flattened);

        Assert.That(schemas[1003].Name, Is.Not.EqualTo(schemas[1004].Name));
    }
}
