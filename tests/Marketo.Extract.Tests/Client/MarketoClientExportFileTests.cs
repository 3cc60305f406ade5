using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Marketo.Extract.Models;
using RichardSzalay.MockHttp;

namespace Marketo.Extract.Tests.Client;

public class MarketoClientExportFileTests : MarketoClientTestBase
{
    private const string ExportId = "ce45a7a1-f19d-4ce2-882c-a3c795940a7d";
    private const string FilePath = "/bulk/v1/leads/export/" + ExportId + "/file.json";
    private const string Csv = "id,email\n1,ann@example.com\n2,bob@example.com\n";

    [Test]
    public async Task OpenExportFile_OffsetZero_StreamsWholeFile_WithoutRange()
    {
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ => CsvResponse(HttpStatusCode.OK, Csv));
        var client = Harness.CreateClient();

        await using var file = await client.OpenExportFileAsync(BulkExportObject.Leads, ExportId);
        var text = await new StreamReader(file.Content).ReadToEndAsync();

        Assert.That(text, Is.EqualTo(Csv));
        Assert.That(file.Offset, Is.Zero);
        Assert.That(file.ContentLength, Is.EqualTo(Csv.Length));
        Assert.That(file.TotalLength, Is.EqualTo(Csv.Length));
        Assert.That(client.Statistics.BytesDownloaded, Is.EqualTo(Csv.Length));
        Assert.That(Harness.ApiRequests.Single().Headers, Does.Not.Contain("Range"));
        Assert.That(Harness.ApiRequests.Single().Authorization, Is.EqualTo("Bearer " + MarketoClientHarness.Token));
    }

    [Test]
    public async Task OpenExportFile_WithOffset_SendsOpenRange_AndReadsPartialContent()
    {
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ =>
        {
            var response = CsvResponse(HttpStatusCode.PartialContent, Csv[9..]);
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(9, Csv.Length - 1, Csv.Length);
            return response;
        });
        var client = Harness.CreateClient();

        await using var file = await client.OpenExportFileAsync(BulkExportObject.Leads, ExportId, offset: 9);
        var text = await new StreamReader(file.Content).ReadToEndAsync();

        Assert.That(Harness.ApiRequests.Single().Headers, Does.Contain("Range: bytes=9-"));
        Assert.That(text, Is.EqualTo(Csv[9..]));
        Assert.That(file.Offset, Is.EqualTo(9));
        Assert.That(file.ContentLength, Is.EqualTo(Csv.Length - 9));
        Assert.That(file.TotalLength, Is.EqualTo(Csv.Length));
    }

    [Test]
    public void OpenExportFile_PartialContentFromWrongByte_Throws()
    {
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ =>
        {
            var response = CsvResponse(HttpStatusCode.PartialContent, Csv);
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(0, Csv.Length - 1, Csv.Length);
            return response;
        });
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.OpenExportFileAsync(BulkExportObject.Leads, ExportId, offset: 9));

        Assert.That(exception.Message, Does.Contain("with bytes bytes 0-"));
    }

    [Test]
    public async Task OpenExportFile_RangeIgnored_SkipsToTheOffset()
    {
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ => CsvResponse(HttpStatusCode.OK, Csv));
        var client = Harness.CreateClient();

        await using var file = await client.OpenExportFileAsync(BulkExportObject.Leads, ExportId, offset: 9);
        var text = await new StreamReader(file.Content).ReadToEndAsync();

        Assert.That(text, Is.EqualTo(Csv[9..]));
        Assert.That(file.Offset, Is.EqualTo(9));
        Assert.That(file.ContentLength, Is.EqualTo(Csv.Length - 9));
        Assert.That(file.TotalLength, Is.EqualTo(Csv.Length));
        Assert.That(client.Statistics.BytesDownloaded, Is.EqualTo(Csv.Length));
        Assert.That(Harness.Logger.Entries.Any(entry => entry.EventId.Name == "RangeIgnored"), Is.True);
    }

    [Test]
    public void OpenExportFile_RangeIgnoredAndOffsetPastEnd_Throws()
    {
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ => CsvResponse(HttpStatusCode.OK, Csv));
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.OpenExportFileAsync(BulkExportObject.Leads, ExportId, offset: 500));

        Assert.That(exception.Message, Does.Contain($"a file of {Csv.Length} bytes, which has no byte at offset 500"));
    }

    [Test]
    public void OpenExportFile_NotFound_ThrowsFileNotFoundWithExportId_WithoutRetry()
    {
        Harness.When(HttpMethod.Get, FilePath).Respond(HttpStatusCode.NotFound, "text/plain", "Export file not found");
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoExportFileNotFoundException>(() => client.OpenExportFileAsync(BulkExportObject.Leads, ExportId));

        Assert.That(exception.ExportId, Is.EqualTo(ExportId));
        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(exception.Message, Does.Contain("Export file not found"));
        Assert.That(exception.Message, Does.Contain("GetExportStatusAsync"));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public void OpenExportFile_RangeNotSatisfiable_ThrowsWithFileLength()
    {
        Harness.When(HttpMethod.Get, FilePath).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.RequestedRangeNotSatisfiable) { Content = new StringContent(string.Empty) };
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(Csv.Length);
            return response;
        });
        var client = Harness.CreateClient();

        var exception = Assert.ThrowsAsync<MarketoException>(() => client.OpenExportFileAsync(BulkExportObject.Leads, ExportId, offset: 500));

        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
        Assert.That(exception.Message, Does.Contain($"no byte at offset 500 (HTTP 416; file length {Csv.Length} bytes)"));
        Assert.That(Harness.ApiRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task OpenExportFile_ServerError_IsRetried()
    {
        Harness.Expect(HttpMethod.Get, FilePath).Respond(HttpStatusCode.ServiceUnavailable, "text/html", "<h1>busy</h1>");
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ => CsvResponse(HttpStatusCode.OK, Csv));
        var client = Harness.CreateClient();

        await using var file = await Harness.RunAsync(client.OpenExportFileAsync(BulkExportObject.Leads, ExportId));

        Assert.That(await new StreamReader(file.Content).ReadToEndAsync(), Is.EqualTo(Csv));
        Assert.That(client.Statistics.Retries, Is.EqualTo(1));
    }

    [Test]
    public async Task OpenExportFile_ReturnsBeforeTheBodyArrives()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Encoding.UTF8.GetBytes("id,email\n");
        var rest = Encoding.UTF8.GetBytes("1,ann@example.com\n");
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new GatedStream(first, rest, gate.Task)),
        });
        var client = Harness.CreateClient();

        await using var file = await client.OpenExportFileAsync(BulkExportObject.Leads, ExportId);
        var buffer = new byte[64];
        var firstRead = await file.Content.ReadAsync(buffer);
        var secondRead = file.Content.ReadAsync(buffer).AsTask();
        await Task.Delay(20);
        var secondCompletedBeforeRelease = secondRead.IsCompleted;
        gate.SetResult();

        Assert.That(firstRead, Is.EqualTo(first.Length));
        Assert.That(secondCompletedBeforeRelease, Is.False);
        Assert.That(await secondRead, Is.EqualTo(rest.Length));
        Assert.That(client.Statistics.BytesDownloaded, Is.EqualTo(first.Length + rest.Length));
    }

    [Test]
    public async Task OpenExportFile_ReleasesConcurrencySlotOnceHeadersArrive()
    {
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ => CsvResponse(HttpStatusCode.OK, Csv));
        Harness.Expect(HttpMethod.Get, "/rest/v1/activities/types.json").Respond("application/json", Fixtures.Read("activity-types.json"));
        var client = Harness.CreateClient(options => options.MaxConcurrentCalls = 1);

        await using var file = await client.OpenExportFileAsync(BulkExportObject.Leads, ExportId);
        var types = await client.GetActivityTypesAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.That(types, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task OpenExportFile_ExpiredTokenEnvelope_IsReplayedWithNewToken()
    {
        var tokens = 0;
        Harness.Http.ResetBackendDefinitions();
        Harness.Http.When(HttpMethod.Post, MarketoClientHarness.IdentityUrl).Respond(_ =>
            Fixtures.Json(Fixtures.TokenResponse(Interlocked.Increment(ref tokens) == 1 ? "token-a" : "token-b", 3600)));
        Harness.Expect(HttpMethod.Get, FilePath).Respond("application/json", Fixtures.Error("602", "Access token expired"));
        Harness.Expect(HttpMethod.Get, FilePath).Respond(_ => CsvResponse(HttpStatusCode.OK, Csv));
        var client = Harness.CreateClient();

        await using var file = await client.OpenExportFileAsync(BulkExportObject.Leads, ExportId);

        Assert.That(await new StreamReader(file.Content).ReadToEndAsync(), Is.EqualTo(Csv));
        Assert.That(Harness.ApiRequests[1].Authorization, Is.EqualTo("Bearer token-b"));
    }

    [Test]
    public async Task OpenExportFile_SmallJsonTypedFileThatIsNotAnEnvelope_IsReturnedIntact()
    {
        Harness.Expect(HttpMethod.Get, FilePath).Respond("application/json", Csv);
        var client = Harness.CreateClient();

        await using var file = await client.OpenExportFileAsync(BulkExportObject.Leads, ExportId);

        Assert.That(await new StreamReader(file.Content).ReadToEndAsync(), Is.EqualTo(Csv));
    }

    [Test]
    public void OpenExportFile_NegativeOffset_Throws()
    {
        var client = Harness.CreateClient();

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.OpenExportFileAsync(BulkExportObject.Leads, ExportId, offset: -1));
    }

    private static HttpResponseMessage CsvResponse(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, new UTF8Encoding(false), "text/csv") };

    /// <summary>A body that sends its first part at once and the rest only when the gate opens.</summary>
    private sealed class GatedStream(byte[] first, byte[] rest, Task gate) : Stream
    {
        private int _part;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            switch (_part++)
            {
                case 0:
                    first.CopyTo(buffer);
                    return first.Length;
                case 1:
                    await gate.WaitAsync(cancellationToken);
                    rest.CopyTo(buffer);
                    return rest.Length;
                default:
                    return 0;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
