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
            throw new InvalidDataException(
                $"The state file '{path}' is not valid state JSON ({ex.Message}). " +
                "Restore it from a backup, or delete it to extract everything again from the start date.",
                ex);
        }

        if (document is null)
        {
            throw new InvalidDataException(
                $"The state file '{path}' holds JSON null. Delete it to extract everything again from the start date.");
        }

        CheckVersion(document.Version, path, "file");
        var states = new Dictionary<string, StreamState>(document.Streams ?? [], StringComparer.Ordinal);
        foreach (var (streamId, state) in states)
        {
            CheckVersion(state.Version, path, $"stream '{streamId}'");
        }

        return states;
    }

    public static Task WriteAsync(Stream stream, Dictionary<string, StreamState> states, CancellationToken cancellationToken)
    {
        var sorted = new SortedDictionary<string, StreamState>(states, StringComparer.Ordinal);
        var document = new StateDocument { Version = StreamState.CurrentVersion, Streams = new(sorted, StringComparer.Ordinal) };
        return JsonSerializer.SerializeAsync(stream, document, StateJsonContext.Default.StateDocument, cancellationToken);
    }

    private static void CheckVersion(int version, string path, string what)
    {
        if (version is < 1 or > StreamState.CurrentVersion)
        {
            throw new InvalidDataException(
                $"The state file '{path}' has {what} at format version {version}, but this library reads versions 1 " +
                $"to {StreamState.CurrentVersion}. Use a newer Marketo.Extract, or delete the file to start over.");
        }
    }
}

/// <summary>The top-level JSON document of a state file.</summary>
internal sealed class StateDocument
{
    public int Version { get; set; }

    public Dictionary<string, StreamState>? Streams { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
