using System.Globalization;
using System.Text.Json;

namespace Marketo.Extract.Cli.Configuration;

/// <summary>
/// Collects the configuration from the config file, then the environment, then the command line (each overrides the
/// one before) and checks every value; a bad one raises a <see cref="CliException"/> with exit code 2.
/// </summary>
internal sealed class SettingsLoader
{
    // Marketo's client secrets are 32 characters. A shorter one could match part of an ordinary URL by chance.
    private const int MinSecretLengthInUrl = 8;

    private const string EndpointAdvice = "use the REST endpoint from Marketo's Admin > Web Services, such as " +
        "https://123-ABC-456.mktorest.com";

    private static readonly string[] StartDateFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd",
    ];

    private readonly Dictionary<string, ConfigValue> _values = new(StringComparer.Ordinal);

    private SettingsLoader(bool hasConnection) => HasConnection = hasConnection;

    /// <summary>
    /// Gets a value indicating whether a config file or a connection variable was given; without one the command
    /// runs against the built-in emulator.
    /// </summary>
    public bool HasConnection { get; }

    /// <summary>Reads every source; the file must exist and be a JSON object with known keys only.</summary>
    public static SettingsLoader Read(
        string? configPath,
        Func<string, string?> environment,
        string? startDateOption,
        string? windowInDaysOption)
    {
        var hasConnectionVariable = ConfigKeys.Connection
            .Any(key => !string.IsNullOrEmpty(environment(ConfigKeys.EnvironmentVariableOf(key))));
        var loader = new SettingsLoader(configPath is not null || hasConnectionVariable);
        if (configPath is not null)
        {
            loader.ReadFile(configPath);
        }

        foreach (var key in ConfigKeys.All)
        {
            var variable = ConfigKeys.EnvironmentVariableOf(key);
            if (environment(variable) is { Length: > 0 } text)
            {
                loader._values[key] = new ConfigValue(text, $"environment variable {variable}");
            }
        }

        if (startDateOption is not null)
        {
            loader._values[ConfigKeys.StartDate] = new ConfigValue(startDateOption, "option --start-date");
        }

        if (windowInDaysOption is not null)
        {
            loader._values[ConfigKeys.WindowInDays] = new ConfigValue(windowInDaysOption, "option --window-in-days");
        }

        return loader;
    }

    /// <summary>Gets the client secret as given, before any check, or null when none was given.</summary>
    public string? ClientSecret => _values.TryGetValue(ConfigKeys.ClientSecret, out var secret) ? secret.Text : null;

    /// <summary>Builds the settings of a real Marketo instance; every connection key is required.</summary>
    public ConnectionSettings ResolveConnection(DateTimeOffset now)
    {
        var secret = Require(ConfigKeys.ClientSecret).Text;
        return Resolve(
            new ConnectionSettings
            {
                DomainUrl = ParseDomainUrl(Require(ConfigKeys.DomainUrl), secret),
                ClientId = Require(ConfigKeys.ClientId).Text.Trim(),
                ClientSecret = secret,
                StartDate = ParseStartDate(Require(ConfigKeys.StartDate), now),
            },
            now);
    }

    /// <summary>Applies the optional keys (start date, window, poll interval, job timeout) to the given defaults.</summary>
    public ConnectionSettings Resolve(ConnectionSettings defaults, DateTimeOffset now)
    {
        var settings = defaults;
        if (_values.TryGetValue(ConfigKeys.StartDate, out var start))
        {
            settings = settings with { StartDate = ParseStartDate(start, now) };
        }

        if (_values.TryGetValue(ConfigKeys.WindowInDays, out var window))
        {
            settings = settings with { WindowInDays = ParseWhole(window, 1, 30, "days, because Marketo rejects export ranges over 31 days") };
        }

        if (_values.TryGetValue(ConfigKeys.PollIntervalSeconds, out var poll))
        {
            settings = settings with { PollInterval = TimeSpan.FromSeconds(ParseWhole(poll, 1, 3600, "seconds")) };
        }

        if (_values.TryGetValue(ConfigKeys.JobTimeoutMinutes, out var timeout))
        {
            settings = settings with { JobTimeout = TimeSpan.FromMinutes(ParseWhole(timeout, 1, 10_080, "minutes")) };
        }

        return settings;
    }

    private void ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw CliException.Usage(
                $"Config file '{path}' is a folder; pass the path of a JSON file with the keys domain_url, client_id, " +
                "client_secret and start_date.");
        }

        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliException.Usage(
                $"Config file '{path}' was not found; pass the path of a JSON file with the keys domain_url, client_id, " +
                "client_secret and start_date.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Config file '{path}' could not be read ({exception.Message}); check its permissions.");
        }
        catch (JsonException exception)
        {
            // The parser's own message can quote the text around the error, which may be the secret: give the position only.
            throw CliException.Usage(
                $"Config file '{path}' is not valid JSON (line {exception.LineNumber + 1}, byte " +
                $"{exception.BytePositionInLine + 1}); fix it to a JSON object such as {{\"domain_url\": \"https://...\"}}.");
        }

        using (document)
        {
            ReadObject(path, document.RootElement);
        }
    }

    private void ReadObject(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw CliException.Usage($"Config file '{path}' must contain a JSON object with the keys {string.Join(", ", ConfigKeys.All)}.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!ConfigKeys.All.Contains(property.Name))
            {
                throw CliException.Usage(
                    $"Config file '{path}' has the unknown key '{property.Name}'; the keys are {string.Join(", ", ConfigKeys.All)}.");
            }

            var origin = $"key '{property.Name}' of config file '{path}'";
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.Null => null,
                _ => throw CliException.Usage($"The {origin} must be a string or a number, not {property.Value.ValueKind}."),
            };
            if (!string.IsNullOrEmpty(text))
            {
                _values[property.Name] = new ConfigValue(text, origin);
            }
        }
    }

    private ConfigValue Require(string key) =>
        _values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value.Text)
            ? value
            : throw CliException.Usage(
                $"The setting {key} is missing; set it in the config file or the environment variable " +
                $"{ConfigKeys.EnvironmentVariableOf(key)}.");

    private static Uri ParseDomainUrl(ConfigValue value, string secret)
    {
        var text = value.Text.Trim();

        // A secret pasted into the URL would go out as a DNS query. Hosts are lowercased, so compare ignoring case.
        var trimmedSecret = secret.Trim();
        if (trimmedSecret.Length >= MinSecretLengthInUrl && text.Contains(trimmedSecret, StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Usage(
                $"The {value.Origin} contains the client secret; domain_url must be the REST endpoint from Marketo's " +
                "Admin > Web Services, such as https://123-ABC-456.mktorest.com, and the secret belongs in client_secret.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw CliException.Usage($"The {value.Origin} is '{text}', which is not an http or https URL; {EndpointAdvice}.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw CliException.Usage(
                $"The {value.Origin} is '{text}', which uses plain http and would send the client secret unencrypted; {EndpointAdvice}.");
        }

        // Marketo serves the identity, REST and bulk APIs from the root of one host, and Admin > Web Services shows the
        // REST endpoint with /rest, so any other path is a mistake that would only show later as a failed token call.
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.Length > 0 && !path.Equals("/rest", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Usage(
                $"The {value.Origin} is '{text}', which has the path '{uri.AbsolutePath}'; domain_url must be the REST " +
                "endpoint from Marketo's Admin > Web Services with no path other than /rest, such as " +
                "https://123-ABC-456.mktorest.com.");
        }

        return uri;
    }

    private static DateTimeOffset ParseStartDate(ConfigValue value, DateTimeOffset now)
    {
        var text = value.Text.Trim();
        if (!DateTimeOffset.TryParseExact(
            text,
            StartDateFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var start))
        {
            throw CliException.Usage(
                $"The {value.Origin} is '{text}', which is not a date; write it as 2024-01-31T00:00:00Z or 2024-01-31 (UTC).");
        }

        if (start > now)
        {
            throw CliException.Usage(
                $"The {value.Origin} is {Format(start)}, which is in the future (now is {Format(now)}); choose an earlier date.");
        }

        return start;
    }

    private static int ParseWhole(ConfigValue value, int minimum, int maximum, string unit)
    {
        var text = value.Text.Trim();
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || number < minimum || number > maximum)
        {
            throw CliException.Usage(
                $"The {value.Origin} is '{text}'; it must be a whole number from {minimum} to {maximum} {unit}.");
        }

        return number;
    }

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
