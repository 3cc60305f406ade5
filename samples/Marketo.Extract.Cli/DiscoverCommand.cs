using Marketo.Extract.Streams;

namespace Marketo.Extract.Cli;

/// <summary>Runs <c>marketo-extract discover</c>: lists every stream with its key, cursor and fields.</summary>
internal static class DiscoverCommand
{
    public static async Task<int> RunAsync(CliHost host, CommonArguments arguments, CancellationToken cancellationToken)
    {
        await using var session = await MarketoSession.OpenAsync(host, arguments, cancellationToken);
        session.WriteEmulatorNotice("listing the streams of");
        var extractor = new MarketoExtractor(
            session.Client,
            new InMemoryCursorStore(),
            new MarketoExtractOptions { StartDate = session.Settings.StartDate },
            session.CreateExtractorClock(hasSavedCursors: false));
        var streams = await extractor.DiscoverAsync(cancellationToken);
        foreach (var stream in streams)
        {
            var sync = stream.IsIncremental ? $"incremental by {stream.CursorField}" : "full refresh";
            host.Out.WriteLine($"{stream.Id}  ({sync}, key {stream.PrimaryKey}, {stream.Fields.Count} fields)");
            var width = stream.Fields.Max(field => field.Name.Length);
            foreach (var field in stream.Fields)
            {
                host.Out.WriteLine($"    {field.Name.PadRight(width)}  {field.DataType}");
            }
        }

        host.Out.WriteLine($"{streams.Count} streams.");
        return ExitCodes.Success;
    }
}
