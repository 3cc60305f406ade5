using System.Text.Json.Serialization;

namespace Marketo.Extract.Streams;

/// <summary>
/// The saved progress of one stream: its cursor, the ids already delivered at the cursor instant, and for
/// bulk streams the export jobs in flight and the leads filter in use.
/// </summary>
/// <remarks>
/// The JSON form is versioned by <see cref="Version"/>; a reader that meets a newer version than
/// <see cref="CurrentVersion"/> refuses it rather than guessing. Version 1 fields:
/// <c>version</c>, <c>cursor</c> (ISO 8601 UTC), <c>cursorIds</c>, <c>leadsFilter</c> (<c>updatedAt</c> or
/// <c>createdAt</c>), <c>pendingExports</c>.
/// </remarks>
public sealed record StreamState
{
    /// <summary>The state format version this library writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Gets the version of the state format.</summary>
    /// <value>Defaults to <see cref="CurrentVersion"/>.</value>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>
    /// Gets the instant up to which every record of the stream has been delivered; <see langword="null"/>
    /// before the first completed sync.
    /// </summary>
    public DateTimeOffset? Cursor { get; init; }

    /// <summary>
    /// Gets the ids of records already delivered whose cursor field equals <see cref="Cursor"/>; the next sync
    /// starts at <see cref="Cursor"/> inclusive and skips these, so a record on the boundary is neither lost
    /// nor delivered twice.
    /// </summary>
    public IReadOnlyList<string> CursorIds { get; init; } = [];

    /// <summary>Gets the filter the leads stream exports by; <see langword="null"/> for other streams.</summary>
    public LeadsFilterMode? LeadsFilter { get; init; }

    /// <summary>
    /// Gets the bulk export jobs created for this stream whose windows <see cref="Cursor"/> does not cover yet. A job
    /// stays here until the save that moves the cursor past its window, even when its file was already read.
    /// </summary>
    public IReadOnlyList<PendingExport> PendingExports { get; init; } = [];

    /// <summary>Gets a value indicating whether the stream has never completed a sync.</summary>
    [JsonIgnore]
    public bool IsEmpty => Cursor is null && PendingExports.Count == 0 && LeadsFilter is null;
}
