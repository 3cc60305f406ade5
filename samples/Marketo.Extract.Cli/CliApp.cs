using System.CommandLine;
using Marketo.Extract.Cli.Output;
using Marketo.Extract.Cli.Sync;
using Marketo.Extract.Cli.Terminal;

namespace Marketo.Extract.Cli;

/// <summary>The command line of <c>marketo-extract</c>: <c>sync</c>, <c>discover</c> and <c>check</c>.</summary>
internal static class CliApp
{
    public const string HelpEpilog =
        "Exit codes: 0 success, 1 other failure, 2 invalid command line or configuration, 3 credentials rejected, " +
        "4 Marketo unreachable, 5 daily quota used up, 130 interrupted (Ctrl+C), 131 SIGQUIT, 143 SIGTERM.";

    /// <summary>Runs the command and returns the process exit code; failures become one line on stderr.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        var root = BuildCommand(host);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            host.Error.WriteLine($"marketo-extract: {ParseErrorOf(parseResult)} Run 'marketo-extract --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            var exitCode = await parseResult.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = host.Out,
                    Error = host.Error,
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = null,
                },
                cancellationToken);
            CliLoggerProvider.WriteHeldWarnings(host);
            return exitCode;
        }
        catch (Exception exception)
        {
            return ErrorReport.Write(host, exception, cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>Returns the first parse error as one sentence, naming an unknown or missing command plainly.</summary>
    private static string ParseErrorOf(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command is RootCommand root)
        {
            var commands = string.Join(", ", root.Subcommands.Select(command => command.Name));
            if (parseResult.UnmatchedTokens.Count > 0)
            {
                var unknown = parseResult.UnmatchedTokens[0];
                return unknown.StartsWith('-')
                    ? $"Unknown option '{unknown}'; give a command ({commands}) before its options."
                    : $"Unknown command '{unknown}'; the commands are {commands}.";
            }

            return $"No command given; the commands are {commands}.";
        }

        var message = string.Join(' ', parseResult.Errors[0].Message.Split(
            ['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return message.EndsWith('.') ? message : message + ".";
    }

    private static void RejectEmpty(Option<string> option, string what) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<string>() is { } value && string.IsNullOrWhiteSpace(value))
        {
            result.AddError($"{option.Name} is empty; give the path of {what}.");
        }
    });

    private static RootCommand BuildCommand(CliHost host)
    {
        var config = new Option<string>("--config")
        {
            Description = "A JSON file with domain_url, client_id, client_secret, start_date and optionally window_in_days, " +
                "poll_interval_seconds, job_timeout_minutes (the Airbyte Marketo source keys). MARKETO_<KEY> environment " +
                "variables override it. Without a file or credentials, the built-in emulator with demo data is used.",
            HelpName = "file",
            Recursive = true,
        };
        RejectEmpty(config, "a JSON config file");
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Log progress and warnings to stderr as they happen. Without it, warnings are written " +
                "after a successful run, and a failed run prints only its error line.",
            Recursive = true,
        };

        var root = new RootCommand(
            "Extracts Adobe Marketo Engage data (leads, activities, campaigns, lists, programs) into files, incrementally. " +
            HelpEpilog)
        {
            config,
            verbose,
        };
        root.Add(BuildSync(host, config, verbose));
        root.Add(BuildSimple("discover", "Lists the streams and their fields with Marketo data types.", host, config, verbose,
            DiscoverCommand.RunAsync));
        root.Add(BuildSimple("check", "Checks the URL and credentials with one call and prints OK.", host, config, verbose,
            CheckCommand.RunAsync));
        return root;
    }

    private static Command BuildSync(CliHost host, Option<string> config, Option<bool> verbose)
    {
        var output = new Option<string>("--out")
        {
            Description = "The output folder: one file per stream, created if missing.",
            HelpName = "folder",
            Required = true,
        };
        var state = new Option<string>("--state") { Description = "The state file (default: <out>/state.json).", HelpName = "file" };
        var format = new Option<string>("--format")
        {
            Description = "jsonl (JSON Lines, default) or csv (RFC 4180 with a header; nested values as JSON).",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var streams = new Option<string>("--streams")
        {
            Description = "Comma-separated stream ids to sync (default: all); list them with 'discover'.",
            HelpName = "a,b,c",
        };
        var startDate = new Option<string>("--start-date")
        {
            Description = "Where each stream's first sync starts, UTC: 2024-01-31 or 2024-01-31T00:00:00Z.",
            HelpName = "date",
        };
        var window = new Option<string>("--window-in-days")
        {
            Description = "Width of each bulk export window, 1 to 30 days.",
            HelpName = "days",
        };
        var fullRefresh = new Option<bool>("--full-refresh")
        {
            Description = "Read every stream again from the start date and replace its file instead of appending.",
        };

        RejectEmpty(output, "the output folder");
        RejectEmpty(state, "the state file");

        var command = new Command("sync", "Extracts the streams into --out, continuing from the saved state.")
        {
            output, state, format, streams, startDate, window, fullRefresh,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var arguments = new SyncArguments
            {
                Common = Common(parseResult, config, verbose) with
                {
                    StartDate = parseResult.GetValue(startDate),
                    WindowInDays = parseResult.GetValue(window),
                },
                OutputFolder = parseResult.GetRequiredValue(output),
                StatePath = parseResult.GetValue(state),
                Format = parseResult.GetValue(format) == "csv" ? OutputFormat.Csv : OutputFormat.Jsonl,
                Streams = ParseStreams(parseResult.GetValue(streams)),
                FullRefresh = parseResult.GetValue(fullRefresh),
            };
            return SyncCommand.RunAsync(host, arguments, cancellationToken);
        });
        return command;
    }

    private static Command BuildSimple(
        string name,
        string description,
        CliHost host,
        Option<string> config,
        Option<bool> verbose,
        Func<CliHost, CommonArguments, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description);
        command.SetAction((parseResult, cancellationToken) => run(host, Common(parseResult, config, verbose), cancellationToken));
        return command;
    }

    private static CommonArguments Common(ParseResult parseResult, Option<string> config, Option<bool> verbose) => new()
    {
        ConfigPath = parseResult.GetValue(config),
        Verbose = parseResult.GetValue(verbose),
    };

    private static List<string>? ParseStreams(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var ids = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return ids.Count > 0
            ? ids
            : throw CliException.Usage("--streams is empty; list stream ids such as leads,campaigns (see 'marketo-extract discover').");
    }
}
