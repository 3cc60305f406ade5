using System.Globalization;
using System.Text;
using Marketo.Extract.Models;

namespace Marketo.Extract.Benchmarks;

/// <summary>Builds small deterministic export files in memory for the benchmarks.</summary>
public static class CsvFactory
{
    private static readonly string[] Words =
        ["alpha", "beta", "gamma", "delta", "Marketo", "lead", "export,", "\"quoted\"", "naïve", "café", "Zürich"];

    /// <summary>Builds a lead export whose columns have the given data types, and its lead describe.</summary>
    public static (byte[] Csv, IReadOnlyList<LeadField> Fields) Leads(string[] dataTypes, int rows, int seed = 42)
    {
        var random = new Random(seed);
        var fields = dataTypes.Select((type, i) => new LeadField { Name = $"field{i}", DataType = type }).ToList();
        var text = new StringBuilder();
        text.AppendJoin(',', fields.Select(field => field.Name)).Append('\n');
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < dataTypes.Length; column++)
            {
                text.Append(column == 0 ? string.Empty : ",").Append(Quote(Value(random, dataTypes[column], row)));
            }

            text.Append('\n');
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), fields);
    }

    /// <summary>Builds an activity export of three types with typed attributes, and the types.</summary>
    public static (byte[] Csv, IReadOnlyList<ActivityType> Types) Activities(int rows, int seed = 42)
    {
        IReadOnlyList<ActivityType> types =
        [
            Type(1, "Visit Webpage", ("Webpage URL", "string"), ("Query Parameters", "string"), ("Client IP Address", "string"), ("User Agent", "string")),
            Type(10, "Open Email", ("Device", "string"), ("Is Mobile Device", "boolean"), ("Campaign Run ID", "integer"), ("Step ID", "integer")),
            Type(22, "Change Score", ("Change Value", "string"), ("New Value", "integer"), ("Old Value", "integer"), ("Reason", "string")),
        ];
        var random = new Random(seed);
        var text = new StringBuilder(
            "marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes\n");
        for (var row = 0; row < rows; row++)
        {
            var type = types[row % types.Count];
            var date = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(row * 7);
            text.Append(CultureInfo.InvariantCulture, $"{100_000 + row},{random.Next(1, 50_000)},{date:yyyy-MM-dd'T'HH:mm:ss'Z'},{type.Id},");
            text.Append(CultureInfo.InvariantCulture, $"{random.Next(1000, 1100)},{random.Next(1, 500)},{Quote(Words[random.Next(Words.Length)])},");
            text.Append(Quote(AttributesJson(random, type, row))).Append('\n');
        }

        return (Encoding.UTF8.GetBytes(text.ToString()), types);
    }

    private static ActivityType Type(int id, string name, params (string Name, string DataType)[] attributes) => new()
    {
        Id = id,
        Name = name,
        Attributes = [.. attributes.Select(a => new ActivityAttributeDefinition { Name = a.Name, DataType = a.DataType })],
    };

    private static string AttributesJson(Random random, ActivityType type, int row)
    {
        var members = type.Attributes.Select(attribute => attribute.DataType switch
        {
            "boolean" => $"\"{attribute.Name}\":{(random.Next(2) == 0 ? "true" : "false")}",
            "integer" => $"\"{attribute.Name}\":{random.Next(0, 100_000)}",
            _ => $"\"{attribute.Name}\":\"{attribute.Name.ToLowerInvariant()} {row % 97} {Words[random.Next(Words.Length)].Replace("\"", "\\\"", StringComparison.Ordinal)}\"",
        });
        return "{" + string.Join(',', members) + "}";
    }

    private static string Value(Random random, string dataType, int row) => random.Next(7) == 0 ? string.Empty : dataType switch
    {
        "integer" => random.Next(0, 10_000_000).ToString(CultureInfo.InvariantCulture),
        "float" or "currency" => (random.NextDouble() * 1e6).ToString("F2", CultureInfo.InvariantCulture),
        "boolean" => random.Next(2) == 0 ? "true" : "false",
        "datetime" => new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next())
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        "date" => new DateOnly(1950, 1, 1).AddDays(random.Next(18_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "email" => $"user{row}@example{random.Next(1, 99)}.com",
        "text" => string.Join(' ', Enumerable.Range(0, random.Next(3, 30)).Select(_ => Words[random.Next(Words.Length)])),
        _ => string.Join(' ', Enumerable.Range(0, random.Next(1, 3)).Select(_ => Words[random.Next(Words.Length)])),
    };

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
