<Query Kind="Program">
  <NuGetReference>Marketo.Extract</NuGetReference>
  <NuGetReference>Marketo.Extract.Testing</NuGetReference>
  <Namespace>Marketo.Extract</Namespace>
  <Namespace>Marketo.Extract.Records</Namespace>
  <Namespace>Marketo.Extract.Streams</Namespace>
  <Namespace>Marketo.Extract.Testing</Namespace>
</Query>

// Extracts the last 30 days of activities and charts them per day and type.
// With MARKETO_DOMAIN_URL, MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET set it reads your Marketo instance;
// without them it starts the Marketo emulator with demo data on 127.0.0.1.
async Task Main()
{
    await using var emulator = Environment.GetEnvironmentVariable("MARKETO_DOMAIN_URL") is { Length: > 0 }
        ? null
        : await StartEmulatorAsync();
    using var client = new MarketoClient(ClientOptions(emulator));
    var extractor = new MarketoExtractor(client, new InMemoryCursorStore(), new MarketoExtractOptions
    {
        StartDate = DateTimeOffset.UtcNow.AddDays(-30),
        Bulk = { PollInterval = TimeSpan.FromSeconds(emulator is null ? 60 : 1) },
    });

    var streams = await extractor.DiscoverAsync();
    var activityStreams = streams.Select(stream => stream.Id).Where(id => id.StartsWith(StreamIds.ActivitiesPrefix));
    var counts = new Dictionary<(DateOnly Day, string Type), int>();
    await foreach (var record in extractor.ReadAsync(activityStreams))
    {
        if (record.Value is MarketoRecord activity && activity["activity_date"] is DateTimeOffset date)
        {
            var key = (DateOnly.FromDateTime(date.UtcDateTime), record.StreamId[StreamIds.ActivitiesPrefix.Length..]);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    var topTypes = counts.GroupBy(pair => pair.Key.Type)
        .OrderByDescending(group => group.Sum(pair => pair.Value))
        .Take(6)
        .Select(group => group.Key)
        .ToList();
    var days = counts.Keys.Select(key => key.Day).Distinct().Order()
        .Select(day => new DayRow(day, topTypes.ToDictionary(type => type, type => counts.GetValueOrDefault((day, type)))))
        .ToList();

    var chart = days.Chart(row => row.Day.ToString("MM-dd"));
    foreach (var type in topTypes)
    {
        chart.AddYSeries(row => row.Counts[type], Util.SeriesType.StackedColumn, type);
    }

    chart.Dump("Activities per day, six most frequent types");
    days.Select(row => new { row.Day, Total = row.Counts.Values.Sum(), row.Counts }).Dump("Per day");
    extractor.LastSummary.Dump("Extraction summary");
}

record DayRow(DateOnly Day, Dictionary<string, int> Counts);

static async Task<MarketoEmulator> StartEmulatorAsync()
{
    var emulator = new MarketoEmulator(new MarketoEmulatorOptions
    {
        HistoryDays = 30,
        ExportProcessingTime = TimeSpan.FromSeconds(1),
        ExportStatusCadence = TimeSpan.FromSeconds(1),
    });
    await emulator.StartAsync();
    return emulator;
}

static MarketoClientOptions ClientOptions(MarketoEmulator? emulator) => emulator is null
    ? new MarketoClientOptions
    {
        BaseAddress = new Uri(Environment.GetEnvironmentVariable("MARKETO_DOMAIN_URL")!),
        ClientId = Environment.GetEnvironmentVariable("MARKETO_CLIENT_ID"),
        ClientSecret = Environment.GetEnvironmentVariable("MARKETO_CLIENT_SECRET"),
    }
    : new MarketoClientOptions
    {
        BaseAddress = emulator.BaseAddress,
        ClientId = emulator.ClientId,
        ClientSecret = emulator.ClientSecret,
    };
