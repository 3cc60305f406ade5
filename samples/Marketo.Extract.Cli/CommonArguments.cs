namespace Marketo.Extract.Cli;

/// <summary>The arguments every command takes: where the configuration is and how much to log.</summary>
internal sealed record CommonArguments
{
    public string? ConfigPath { get; init; }

    public bool Verbose { get; init; }

    public string? StartDate { get; init; }

    public int? WindowInDays { get; init; }
}
