namespace Marketo.Extract.Cli.Configuration;

/// <summary>
/// The configuration keys. The first five are those of the Airbyte Marketo source, so its config file works as is;
/// each key has an environment variable <c>MARKETO_&lt;KEY IN UPPER CASE&gt;</c> that overrides the file.
/// </summary>
internal static class ConfigKeys
{
    public const string DomainUrl = "domain_url";
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string StartDate = "start_date";
    public const string WindowInDays = "window_in_days";
    public const string PollIntervalSeconds = "poll_interval_seconds";
    public const string JobTimeoutMinutes = "job_timeout_minutes";

    public static IReadOnlyList<string> All { get; } =
        [DomainUrl, ClientId, ClientSecret, StartDate, WindowInDays, PollIntervalSeconds, JobTimeoutMinutes];

    /// <summary>Gets the keys that name the Marketo instance and the credentials; any of them turns off the emulator.</summary>
    public static IReadOnlyList<string> Connection { get; } = [DomainUrl, ClientId, ClientSecret];

    public static string EnvironmentVariableOf(string key) => "MARKETO_" + key.ToUpperInvariant();
}
