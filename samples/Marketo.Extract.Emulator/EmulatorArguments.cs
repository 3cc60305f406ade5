using System.Globalization;
using Marketo.Extract.Testing;

namespace Marketo.Extract.Emulator;

/// <summary>The command line of the emulator host, parsed into options.</summary>
internal sealed record EmulatorArguments(int Port, MarketoEmulatorOptions Options)
{
    public const string Usage =
        "usage: Marketo.Extract.Emulator [--port N] [--seed N] [--leads N] [--activities N] [--days N] " +
        "[--status-cadence-seconds N] [--processing-seconds N]";

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a one-line message on bad input.</summary>
    public static EmulatorArguments Parse(IReadOnlyList<string> args)
    {
        int port = 0;
        var options = new MarketoEmulatorOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                throw new FormatException(Usage);
            }

            if (i + 1 >= args.Count)
            {
                throw new FormatException($"{name} needs a value; {Usage}");
            }

            int value = Number(name, args[++i]);
            switch (name)
            {
                case "--port": port = Between(name, value, 0, 65535); break;
                case "--seed": options.Seed = value; break;
                case "--leads": options.LeadCount = Between(name, value, 0, 10_000_000); break;
                case "--activities": options.ActivityCount = Between(name, value, 0, 100_000_000); break;
                case "--days": options.HistoryDays = Between(name, value, 1, 3650); break;
                case "--status-cadence-seconds": options.ExportStatusCadence = TimeSpan.FromSeconds(Between(name, value, 0, 86_400)); break;
                case "--processing-seconds": options.ExportProcessingTime = TimeSpan.FromSeconds(Between(name, value, 0, 86_400)); break;
                default: throw new FormatException($"unknown option '{name}'; {Usage}");
            }
        }

        return new EmulatorArguments(port, options);
    }

    private static int Number(string name, string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"{name} must be a whole number, not '{text}'");

    private static int Between(string name, int value, int minimum, int maximum) =>
        value >= minimum && value <= maximum
            ? value
            : throw new FormatException($"{name} is {value}; it must be between {minimum} and {maximum}");
}
