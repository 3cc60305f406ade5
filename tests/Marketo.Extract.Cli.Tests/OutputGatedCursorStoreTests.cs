using Marketo.Extract.Cli.Sync;
using Marketo.Extract.Models;
using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli.Tests;

public sealed class OutputGatedCursorStoreTests
{
    private static readonly DateTimeOffset OldCursor = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NewCursor = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly PendingExport Job = new()
    {
        Key = "leads/updatedAt/2025-02-01T00:00:00Z/2025-03-01T00:00:00Z",
        ExportId = "export-1",
        Kind = BulkExportObject.Leads,
    };

    [Test]
    public async Task SaveAsync_BeforeCommit_WritesExportJobsButKeepsOldCursor()
    {
        var (inner, store) = await CreateAsync();

        await store.SaveAsync("leads", new StreamState { Cursor = NewCursor, PendingExports = [Job] });

        var saved = inner.States["leads"];
        Assert.That(saved.Cursor, Is.EqualTo(OldCursor));
        Assert.That(saved.PendingExports, Is.EqualTo(new[] { Job }));
    }

    [Test]
    public async Task CommitAsync_AfterSave_WritesHeldCursor()
    {
        var (inner, store) = await CreateAsync();
        await store.SaveAsync("leads", new StreamState { Cursor = NewCursor });

        await store.CommitAsync("leads", CancellationToken.None);

        Assert.That(inner.States["leads"].Cursor, Is.EqualTo(NewCursor));
    }

    [Test]
    public async Task SaveAsync_CursorCoversJob_KeepsJobUntilCommit()
    {
        var (inner, store) = await CreateAsync();
        var finished = Job with { WindowStart = OldCursor, WindowEnd = NewCursor };
        await store.SaveAsync("leads", new StreamState { Cursor = OldCursor, PendingExports = [finished] });

        await store.SaveAsync("leads", new StreamState { Cursor = NewCursor });
        var beforeCommit = inner.States["leads"];
        await store.CommitAsync("leads", CancellationToken.None);
        var afterCommit = inner.States["leads"];

        Assert.That(beforeCommit.Cursor, Is.EqualTo(OldCursor));
        Assert.That(beforeCommit.PendingExports, Is.EqualTo(new[] { finished }));
        Assert.That(afterCommit.Cursor, Is.EqualTo(NewCursor));
        Assert.That(afterCommit.PendingExports, Is.Empty);
    }

    [Test]
    public async Task SaveAsync_JobDroppedBeyondCursor_RemovesItAtOnce()
    {
        var (inner, store) = await CreateAsync();
        var later = Job with { WindowStart = NewCursor, WindowEnd = NewCursor.AddDays(30) };
        await store.SaveAsync("leads", new StreamState { Cursor = OldCursor, PendingExports = [later] });

        await store.SaveAsync("leads", new StreamState { Cursor = NewCursor });

        Assert.That(inner.States["leads"].PendingExports, Is.Empty);
    }

    [Test]
    public async Task LoadAsync_FullRefresh_HidesCursorButKeepsItOnDisk()
    {
        var (inner, store) = await CreateAsync(ignoreSavedCursors: true);

        var loaded = await store.LoadAsync("leads");
        await store.SaveAsync("leads", new StreamState { PendingExports = [Job] });

        Assert.That(loaded!.Cursor, Is.Null);
        Assert.That(inner.States["leads"].Cursor, Is.EqualTo(OldCursor));
    }

    private static async Task<(InMemoryCursorStore Inner, OutputGatedCursorStore Store)> CreateAsync(bool ignoreSavedCursors = false)
    {
        var inner = new InMemoryCursorStore();
        await inner.SaveAsync("leads", new StreamState { Cursor = OldCursor });
        return (inner, new OutputGatedCursorStore(inner, ignoreSavedCursors));
    }
}
