namespace Marketo.Extract.Cli;

/// <summary>The arguments every command takes: where the configuration is and how much to log.</summary>
internal sealed record CommonArguments
{
    public string? ConfigPath { get; init; }

    public bool Verbose { get; init; }

    public string? StartDate { get; init; }

    /// <summary>Gets the text of <c>--window-in-days</c>, checked with the other settings so its error reads the same.</summary>
    public string? WindowInDays { get; init; }
}
