using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Marketo.Extract.Testing.Tests;

/// <summary>An emulator on a fake clock with a plain HttpClient: the subject of every test.</summary>
internal sealed class EmulatorHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private EmulatorHarness(MarketoEmulator emulator, FakeTimeProvider time)
    {
        Emulator = emulator;
        Time = time;
        Http = emulator.CreateClient();
    }

    public MarketoEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public string? Token { get; private set; }

    /// <summary>Builds a small, fast emulator: data ends at <see cref="Start"/>, the clock starts there, and exports finish at once.</summary>
    public static EmulatorHarness Create(Action<MarketoEmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new MarketoEmulatorOptions
        {
            TimeProvider = time,
            DatasetEnd = Start,
            LeadCount = 200,
            ActivityCount = 1500,
            HistoryDays = 60,
            ExportStatusCadence = TimeSpan.Zero,
            ExportProcessingTime = TimeSpan.Zero,
            ExportProcessingTimePerMegabyte = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return new EmulatorHarness(new MarketoEmulator(options), time);
    }

    public static string IdentityPath(string clientId = MarketoEmulatorOptions.DefaultClientId, string secret = MarketoEmulatorOptions.DefaultClientSecret) =>
        $"/identity/oauth/token?grant_type=client_credentials&client_id={clientId}&client_secret={secret}";

    public async Task<string> AuthenticateAsync()
    {
        using var document = await ReadJsonAsync(await Http.GetAsync(IdentityPath()));
        Token = document.RootElement.GetProperty("access_token").GetString()!;
        return Token;
    }

    public async Task<JsonDocument> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await ReadJsonAsync(await SendAsync(request));
    }

    public async Task<JsonDocument> PostJsonAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await ReadJsonAsync(await SendAsync(request));
    }

    public async Task<JsonDocument> PostJsonBytesAsync(string path, byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        return await ReadJsonAsync(await SendAsync(request));
    }

    public async Task<JsonDocument> PostAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        return await ReadJsonAsync(await SendAsync(request));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Token is null)
        {
            await AuthenticateAsync();
        }

        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", Token);
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetFileAsync(string kind, string exportId, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/bulk/v1/{kind}/export/{exportId}/file.json");
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return await SendAsync(request);
    }

    /// <summary>Creates and enqueues an export and returns its id.</summary>
    public async Task<string> StartExportAsync(string kind, string body)
    {
        using var created = await PostJsonAsync($"/bulk/v1/{kind}/export/create.json", body);
        Assert.That(created.RootElement.GetProperty("success").GetBoolean(), Is.True, created.RootElement.GetRawText());
        string id = Result(created).GetProperty("exportId").GetString()!;
        using var enqueued = await PostAsync($"/bulk/v1/{kind}/export/{id}/enqueue.json");
        Assert.That(enqueued.RootElement.GetProperty("success").GetBoolean(), Is.True, enqueued.RootElement.GetRawText());
        return id;
    }

    public async Task<string> StatusAsync(string kind, string exportId)
    {
        using var status = await GetAsync($"/bulk/v1/{kind}/export/{exportId}/status.json");
        return Result(status).GetProperty("status").GetString()!;
    }

    public async Task<byte[]> ExportBytesAsync(string kind, string body)
    {
        string id = await StartExportAsync(kind, body);
        Assert.That(await StatusAsync(kind, id), Is.EqualTo("Completed"));
        using var file = await GetFileAsync(kind, id);
        return await file.Content.ReadAsByteArrayAsync();
    }

    public static JsonElement Result(JsonDocument document, int index = 0) =>
        document.RootElement.GetProperty("result")[index];

    public static string ErrorCode(JsonDocument document) =>
        document.RootElement.GetProperty("errors")[0].GetProperty("code").GetString()!;

    public static string ErrorMessage(JsonDocument document) =>
        document.RootElement.GetProperty("errors")[0].GetProperty("message").GetString()!;

    public static string LeadCreatedBody(DateTimeOffset start, DateTimeOffset end, string fields = "\"id\",\"email\"") =>
        "{\"fields\":[" + fields + "],\"format\":\"CSV\",\"filter\":" + CreatedAtFilter(start, end) + "}";

    public static string ActivityBody(DateTimeOffset start, DateTimeOffset end) =>
        "{\"format\":\"CSV\",\"filter\":" + CreatedAtFilter(start, end) + "}";

    public static string CreatedAtFilter(DateTimeOffset start, DateTimeOffset end) =>
        $$$"""{"createdAt":{"startAt":"{{{start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}}","endAt":"{{{end.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}}"}}""";

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// Advances the fake clock in steps until the task completes: a delayed call registers its timer a moment
    /// after it is counted in flight, so one advance could come too early.
    /// </summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan step, Task task)
    {
        for (int i = 0; i < 200 && !task.IsCompleted; i++)
        {
            time.Advance(step);
            await Task.WhenAny(task, Task.Delay(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
