using Marketo.Extract.Cli.Output;

namespace Marketo.Extract.Cli.Sync;

/// <summary>The arguments of <c>marketo-extract sync</c>.</summary>
internal sealed record SyncArguments
{
    public required CommonArguments Common { get; init; }

    public required string OutputFolder { get; init; }

    /// <summary>Gets the state file; <c>state.json</c> in the output folder when <see langword="null"/>.</summary>
    public string? StatePath { get; init; }

    public OutputFormat Format { get; init; }

    /// <summary>Gets the selected stream ids; every stream when <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Streams { get; init; }

    public bool FullRefresh { get; init; }
}
