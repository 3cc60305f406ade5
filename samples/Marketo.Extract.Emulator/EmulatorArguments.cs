using System.Globalization;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Emulator;

/// <summary>The command line of the emulator host, parsed into options.</summary>
internal sealed record EmulatorArguments(int Port, MarketoEmulatorOptions Options)
{
    public const string Usage =
        "usage: Marketo.Extract.Emulator [--port N] [--seed N] [--leads N] [--activities N] [--days N] [--end ISO-8601] " +
        "[--status-cadence-seconds N] [--processing-seconds N] [--token-lifetime-seconds N] " +
        "[--daily-call-quota N] [--daily-export-quota-mb N] [--missing-token-code 600|601] " +
        "[--no-updated-at-filter] [--allow-access-token-query]";

    private const int MaxDailyExportQuotaMegabytes = 1024 * 1024;

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a one-line message on bad input.</summary>
    public static EmulatorArguments Parse(IReadOnlyList<string> args)
    {
        int port = 0;
        var options = new MarketoEmulatorOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (ApplySwitch(name, options))
            {
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new FormatException($"{name} needs a value; {Usage}");
            }

            if (name == "--end")
            {
                options.DatasetEnd = Instant(name, args[++i]);
                continue;
            }

            int value = Number(name, args[++i]);
            if (name == "--port")
            {
                port = Between(name, value, 0, 65535);
            }
            else
            {
                ApplyValue(name, value, options);
            }
        }

        return new EmulatorArguments(port, options);
    }

    /// <summary>Returns the settings the host prints at start, one per line, so a run shows what it emulates.</summary>
    public IEnumerable<string> Describe()
    {
        var options = Options;
        yield return Line("token lifetime", $"{options.TokenLifetime.TotalSeconds:0} s");
        yield return Line("missing token", $"error {options.MissingTokenErrorCode}");
        yield return Line("access_token", options.RejectAccessTokenQueryParameter ? "query parameter rejected (601)" : "query parameter accepted");
        yield return Line("updatedAt", options.SupportsUpdatedAtFilter ? "bulk updatedAt filter supported" : "bulk updatedAt filter unsupported (1035)");
        yield return Line("call quota", $"{options.DailyCallQuota} calls a day");
        yield return Line("export quota", $"{options.DailyExportQuotaBytes / (1024 * 1024)} MB a day");
        yield return Line("export timing", $"status cadence {options.ExportStatusCadence.TotalSeconds:0} s, processing {options.ExportProcessingTime.TotalSeconds:0} s");
    }

    private static string Line(string label, string value) =>
        string.Create(CultureInfo.InvariantCulture, $"  {label + ":",-16}{value}");

    private static bool ApplySwitch(string name, MarketoEmulatorOptions options)
    {
        switch (name)
        {
            case "-h" or "--help": throw new FormatException(Usage);
            case "--no-updated-at-filter": options.SupportsUpdatedAtFilter = false; return true;
            case "--allow-access-token-query": options.RejectAccessTokenQueryParameter = false; return true;
            default: return false;
        }
    }

    private static void ApplyValue(string name, int value, MarketoEmulatorOptions options)
    {
        switch (name)
        {
            case "--seed": options.Seed = value; break;
            case "--leads": options.LeadCount = Between(name, value, 0, 10_000_000); break;
            case "--activities": options.ActivityCount = Between(name, value, 0, 100_000_000); break;
            case "--days": options.HistoryDays = Between(name, value, 1, 3650); break;
            case "--status-cadence-seconds": options.ExportStatusCadence = Seconds(name, value, 0); break;
            case "--processing-seconds": options.ExportProcessingTime = Seconds(name, value, 0); break;
            case "--token-lifetime-seconds": options.TokenLifetime = Seconds(name, value, 1); break;
            case "--daily-call-quota": options.DailyCallQuota = Between(name, value, 1, int.MaxValue); break;
            case "--daily-export-quota-mb":
                options.DailyExportQuotaBytes = Between(name, value, 1, MaxDailyExportQuotaMegabytes) * 1024L * 1024L;
                break;
            case "--missing-token-code":
                options.MissingTokenErrorCode = value is 600 or 601
                    ? value
                    : throw new FormatException($"{name} is {value}; it must be 600 or 601");
                break;
            default: throw new FormatException($"unknown option '{name}'; {Usage}");
        }
    }

    private static DateTimeOffset Instant(string name, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new FormatException($"{name} is '{text}'; give an ISO 8601 instant such as 2025-06-30T00:00:00Z");

    private static TimeSpan Seconds(string name, int value, int minimum) =>
        TimeSpan.FromSeconds(Between(name, value, minimum, 86_400));

    private static int Number(string name, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"{name} must be a whole number, not '{text}'");

    private static int Between(string name, int value, int minimum, int maximum) =>
        value >= minimum && value <= maximum
            ? value
            : throw new FormatException($"{name} is {value}; it must be between {minimum} and {maximum}");
}
