namespace Marketo.Extract.Cli.Configuration;

/// <summary>Where Marketo is, the credentials, and how history is read: the configuration of one run.</summary>
/// <remarks><see cref="ToString"/> never shows the client secret.</remarks>
internal sealed record ConnectionSettings
{
    public required Uri DomainUrl { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>Gets the instant each stream's first sync starts from.</summary>
    public required DateTimeOffset StartDate { get; init; }

    public int WindowInDays { get; init; } = 30;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(180);

    /// <summary>Gets a value indicating whether the settings point at the built-in emulator.</summary>
    public bool IsEmulator { get; init; }

    public override string ToString() =>
        $"ConnectionSettings {{ DomainUrl = {DomainUrl}, ClientId = {ClientId}, ClientSecret = ***, " +
        $"StartDate = {StartDate:O}, WindowInDays = {WindowInDays}, PollInterval = {PollInterval}, " +
        $"JobTimeout = {JobTimeout}, IsEmulator = {IsEmulator} }}";
}
