using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketo.Extract.Streams.Internal;

/// <summary>Reads and writes the versioned state document of <see cref="JsonFileCursorStore"/>.</summary>
internal static class StateFileSerializer
{
    public static async Task<Dictionary<string, StreamState>> ReadAsync(
        Stream stream,
        string path,
        CancellationToken cancellationToken)
    {
        StateDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync(stream, StateJsonContext.Default.StateDocument, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            // The serializer's message repeats the path and names .NET types, so only its position is kept.
            throw new InvalidDataException(
                $"The file '{path}' is not valid state JSON{Position(ex)}. If it is a state file, restore it from a " +
                "backup, or delete it to extract everything again from the start date; if it is another file, give " +
                "the path of a state file instead.",
                ex);
        }

        var streams = CheckDocument(document, path);
        var states = new Dictionary<string, StreamState>(streams.Count, StringComparer.Ordinal);
        foreach (var (streamId, state) in streams)
        {
            if (state is null)
            {
                throw new InvalidDataException(
                    $"The state file '{path}' has null for stream '{streamId}' instead of an object. Restore it from " +
                    "a backup, or delete it to extract everything again from the start date.");
            }

            CheckVersion(state.Version, path, $"stream '{streamId}'");
            CheckLists(state, streamId, path);
            states[streamId] = state;
        }

        return states;
    }

    public static Task WriteAsync(Stream stream, Dictionary<string, StreamState> states, CancellationToken cancellationToken)
    {
        var sorted = new SortedDictionary<string, StreamState?>(states!, StringComparer.Ordinal);
        var document = new StateDocument { Version = StreamState.CurrentVersion, Streams = new(sorted, StringComparer.Ordinal) };
        return JsonSerializer.SerializeAsync(stream, document, StateJsonContext.Default.StateDocument, cancellationToken);
    }

    /// <summary>
    /// Returns the streams of a document, rejecting any JSON that is not a state document, such as a config file or
    /// <c>{}</c>, as not a state file rather than as a state file of an unknown format version.
    /// </summary>
    private static Dictionary<string, StreamState?> CheckDocument(StateDocument? document, string path)
    {
        if (document?.Version is not { } version || version < 1 || document.Streams is null)
        {
            throw new InvalidDataException(
                $"The file '{path}' is not a Marketo.Extract state file: a state file is a JSON object with a " +
                "\"version\" number and a \"streams\" object. Give the path of a state file, or of a file that does " +
                "not exist yet to extract everything from the start date.");
        }

        CheckVersion(version, path, "whole file");
        return document.Streams;
    }

    /// <summary>
    /// Rejects null lists and null entries, which JSON allows and the serializer passes through, before they fail
    /// later with a bare <see cref="NullReferenceException"/>.
    /// </summary>
    private static void CheckLists(StreamState state, string streamId, string path)
    {
        var problem = state.CursorIds switch
        {
            null => "\"cursorIds\" is null",
            _ when state.CursorIds.Any(id => id is null) => "\"cursorIds\" holds null",
            _ when state.PendingExports is null => "\"pendingExports\" is null",
            _ when state.PendingExports.Any(IsIncomplete) => "\"pendingExports\" holds null or a job without its key and id",
            _ => null,
        };
        if (problem is not null)
        {
            throw new InvalidDataException(
                $"The state file '{path}' is damaged: for stream '{streamId}', {problem}. Restore it from a backup, or " +
                "delete it to extract everything again from the start date.");
        }
    }

    private static bool IsIncomplete(PendingExport? export) =>
        export is null || string.IsNullOrEmpty(export.Key) || string.IsNullOrEmpty(export.ExportId)
        || export.ActivityTypeIds is null;

    private static string SupportedVersions =>
        StreamState.CurrentVersion == 1 ? "version 1" : $"versions 1 to {StreamState.CurrentVersion}";

    private static void CheckVersion(int version, string path, string what)
    {
        if (version is < 1 or > StreamState.CurrentVersion)
        {
            throw new InvalidDataException(
                $"The state file '{path}' gives format version {version} for its {what}, but this library reads only " +
                $"{SupportedVersions}. Use a newer Marketo.Extract, or delete the file to start over.");
        }
    }

    private static string Position(JsonException exception) =>
        exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $" (line {line + 1}, byte {position + 1})"
            : string.Empty;
}

/// <summary>The top-level JSON document of a state file.</summary>
internal sealed class StateDocument
{
    public int? Version { get; set; }

    public Dictionary<string, StreamState?>? Streams { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
