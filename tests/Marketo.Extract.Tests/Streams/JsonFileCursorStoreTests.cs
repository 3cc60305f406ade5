using Marketo.Extract.Models;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Tests.Streams;

public class JsonFileCursorStoreTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "marketo-extract-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task SaveThenLoad_InNewStore_ReturnsSameState()
    {
        var path = Path.Combine(_folder, "state.json");
        var state = new StreamState
        {
            Cursor = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
            CursorIds = ["17", "42"],
            LeadsFilter = LeadsFilterMode.CreatedAt,
            PendingExports = [new PendingExport { Key = "leads/2024-05-01", ExportId = "e-1", Kind = BulkExportObject.Leads }],
        };
        using (var store = new JsonFileCursorStore(path))
        {
            await store.SaveAsync("leads", state);
        }

        using var reopened = new JsonFileCursorStore(path);
        var loaded = await reopened.LoadAsync("leads");

        Assert.That(loaded, Is.Not.Null);
        Assert.That(loaded!.Cursor, Is.EqualTo(state.Cursor));
        Assert.That(loaded.CursorIds, Is.EqualTo(state.CursorIds));
        Assert.That(loaded.LeadsFilter, Is.EqualTo(LeadsFilterMode.CreatedAt));
        Assert.That(loaded.PendingExports.Single().Key, Is.EqualTo("leads/2024-05-01"));
        Assert.That(loaded.PendingExports.Single().ExportId, Is.EqualTo("e-1"));
        Assert.That(loaded.PendingExports.Single().Kind, Is.EqualTo(BulkExportObject.Leads));
    }

    [Test]
    public async Task Save_WritesVersionedDocumentWithCamelCaseNames()
    {
        var path = Path.Combine(_folder, "state.json");
        using var store = new JsonFileCursorStore(path);

        await store.SaveAsync("leads", new StreamState { LeadsFilter = LeadsFilterMode.UpdatedAt });

        var text = await File.ReadAllTextAsync(path);
        Assert.That(text, Does.Contain("\"version\": 1"));
        Assert.That(text, Does.Contain("\"leadsFilter\": \"updatedAt\""));
    }

    [Test]
    public async Task Save_KeepsOtherStreams()
    {
        var path = Path.Combine(_folder, "state.json");
        using var store = new JsonFileCursorStore(path);

        await store.SaveAsync("campaigns", new StreamState { Cursor = DateTimeOffset.UnixEpoch });
        await store.SaveAsync("lists", new StreamState { Cursor = DateTimeOffset.UnixEpoch.AddDays(1) });

        var all = await new JsonFileCursorStore(path).LoadAllAsync();
        Assert.That(all.Keys, Is.EquivalentTo(new[] { "campaigns", "lists" }));
    }

    [Test]
    public async Task Save_LeavesNoTemporaryFiles()
    {
        var path = Path.Combine(_folder, "state.json");
        using var store = new JsonFileCursorStore(path);

        await store.SaveAsync("leads", new StreamState());
        await store.SaveAsync("leads", new StreamState { Cursor = DateTimeOffset.UnixEpoch });

        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Save_OnUnix_FileIsOwnerOnly()
    {
        var path = Path.Combine(_folder, "state.json");
        using var store = new JsonFileCursorStore(path);

        await store.SaveAsync("leads", new StreamState());

        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task Load_MissingFile_ReturnsNull()
    {
        using var store = new JsonFileCursorStore(Path.Combine(_folder, "absent.json"));

        Assert.That(await store.LoadAsync("leads"), Is.Null);
    }

    [TestCase("{ not json")]
    [TestCase("null")]
    [TestCase("{\"version\":1,\"streams\":{\"leads\":{\"cursor\":\"yesterday\"}}}")]
    public void Load_CorruptFile_ErrorNamesPathAndKeepsFile(string content)
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, content);
        using var store = new JsonFileCursorStore(path);

        var error = Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("leads"));

        Assert.That(error!.Message, Does.Contain(path));
        Assert.That(File.ReadAllText(path), Is.EqualTo(content));
    }

    [TestCase("{\"version\":1,\"streams\":{\"leads\":{\"version\":1,\"pendingExports\":[null]}}}")]
    [TestCase("{\"version\":1,\"streams\":{\"leads\":{\"version\":1,\"pendingExports\":null}}}")]
    [TestCase("{\"version\":1,\"streams\":{\"leads\":{\"version\":1,\"cursorIds\":null}}}")]
    [TestCase("{\"version\":1,\"streams\":{\"leads\":{\"version\":1,\"cursorIds\":[null]}}}")]
    public void Load_NullListOrEntry_SaysDamagedAndKeepsFile(string content)
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, content);
        using var store = new JsonFileCursorStore(path);

        var error = Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("leads"));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("is damaged: for stream 'leads'"));
        Assert.That(File.ReadAllText(path), Is.EqualTo(content));
    }

    [TestCase("{}")]
    [TestCase("{\"foo\":1}")]
    [TestCase("null")]
    [TestCase("{\"version\":1,\"streams\":null}")]
    [TestCase("{\"version\":1}")]
    [TestCase("{\"streams\":{}}")]
    [TestCase("{\"domain_url\":\"https://123-ABC-456.mktorest.com\",\"client_id\":\"id\"}")]
    public void Load_NotStateDocument_SaysNotStateFile(string content)
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, content);
        using var store = new JsonFileCursorStore(path);

        var error = Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("leads"));

        Assert.That(error!.Message, Does.Contain("is not a Marketo.Extract state file"));
        Assert.That(error.Message, Does.Contain(path));
        Assert.That(error.Message, Does.Not.Contain("version 0"));
        Assert.That(error.Message, Does.Not.Contain("delete"));
    }

    [Test]
    public void Save_NullStreams_KeepsFile()
    {
        const string Content = "{\"version\":1,\"streams\":null}";
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, Content);
        using var store = new JsonFileCursorStore(path);

        Assert.ThrowsAsync<InvalidDataException>(async () => await store.SaveAsync("leads", new StreamState()));

        Assert.That(File.ReadAllText(path), Is.EqualTo(Content));
    }

    [Test]
    public void Load_NullStreamState_IsRejected()
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, "{\"version\":1,\"streams\":{\"leads\":null}}");
        using var store = new JsonFileCursorStore(path);

        var error = Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAllAsync());

        Assert.That(error!.Message, Does.Contain("null for stream 'leads'"));
    }

    [Test]
    public void Load_TruncatedFile_GivesPositionOnce()
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, "{\"version\":1,\"streams\":{\"leads\":{\"cursor\":\"2024-");
        using var store = new JsonFileCursorStore(path);

        var error = Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("leads"));

        Assert.That(error!.Message, Does.Contain("(line 1, byte "));
        Assert.That(error.Message.Split(path), Has.Length.EqualTo(2), error.Message);
        Assert.That(error.Message, Does.Not.Contain("System."));
    }

    [Test]
    public void Load_NewerVersion_IsRejected()
    {
        var path = Path.Combine(_folder, "state.json");
        File.WriteAllText(path, "{\"version\":99,\"streams\":{}}");
        using var store = new JsonFileCursorStore(path);

        var error = Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("leads"));

        Assert.That(error!.Message, Does.Contain("version 99"));
    }

    [Test]
    public void Save_FolderMissing_ErrorNamesFolder()
    {
        var path = Path.Combine(_folder, "missing", "state.json");
        using var store = new JsonFileCursorStore(path);

        var error = Assert.ThrowsAsync<DirectoryNotFoundException>(async () => await store.SaveAsync("leads", new StreamState()));

        Assert.That(error!.Message, Does.Contain(path));
    }
}
