using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Marketo.Extract.Testing.Tests;

public sealed class KestrelTests
{
    [Test]
    public async Task StartAsync_RealSocket_IdentityAndBulkRoundTrip()
    {
        await using var emulator = new MarketoEmulator(new MarketoEmulatorOptions
        {
            LeadCount = 100,
            ActivityCount = 200,
            HistoryDays = 20,
            ExportStatusCadence = TimeSpan.Zero,
            ExportProcessingTime = TimeSpan.Zero,
            ExportProcessingTimePerMegabyte = TimeSpan.Zero,
        });
        await emulator.StartAsync(port: 0);
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var identity = await Json(await http.GetAsync($"/identity/oauth/token?grant_type=client_credentials&client_id={emulator.ClientId}&client_secret={emulator.ClientSecret}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", identity.RootElement.GetProperty("access_token").GetString());
        var end = emulator.Dataset.End;
        string body = """{"fields":["id","email","firstName"],"filter":""" + EmulatorHarness.CreatedAtFilter(end.AddDays(-20), end) + "}";
        using var created = await Json(await http.PostAsync("/bulk/v1/leads/export/create.json", new StringContent(body, Encoding.UTF8, "application/json")));
        string id = created.RootElement.GetProperty("result")[0].GetProperty("exportId").GetString()!;
        using var enqueued = await Json(await http.PostAsync($"/bulk/v1/leads/export/{id}/enqueue.json", null));
        using var status = await Json(await http.GetAsync($"/bulk/v1/leads/export/{id}/status.json"));
        byte[] file = await http.GetByteArrayAsync($"/bulk/v1/leads/export/{id}/file.json");

        Assert.That(emulator.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(emulator.BaseAddress.Port, Is.GreaterThan(0));
        var job = status.RootElement.GetProperty("result")[0];
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("Completed"));
        Assert.That(job.GetProperty("fileChecksum").GetString(), Is.EqualTo("sha256:" + Convert.ToHexStringLower(SHA256.HashData(file))));
        Assert.That(job.GetProperty("numberOfRecords").GetInt64(), Is.EqualTo(emulator.Dataset.Leads.Count));
        Assert.That(() => emulator.StartAsync(), Throws.InvalidOperationException);
    }

    [Test]
    public async Task StartAsync_DownloadDropped_ClientSeesIOError()
    {
        await using var emulator = new MarketoEmulator(new MarketoEmulatorOptions { LeadCount = 50, ActivityCount = 50, HistoryDays = 20, ExportStatusCadence = TimeSpan.Zero, ExportProcessingTime = TimeSpan.Zero });
        await emulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        emulator.Faults.DropConnection(10, EmulatorCallMatch.ForEndpoint(EmulatorEndpoints.Identity));

        Assert.That(() => http.GetStringAsync($"/identity/oauth/token?grant_type=client_credentials&client_id={emulator.ClientId}&client_secret={emulator.ClientSecret}"),
            Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());
        using var response = await http.GetAsync($"/identity/oauth/token?grant_type=client_credentials&client_id={emulator.ClientId}&client_secret={emulator.ClientSecret}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<JsonDocument> Json(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        }
    }
}
