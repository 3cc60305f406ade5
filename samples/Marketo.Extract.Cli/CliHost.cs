using System.Collections.Concurrent;

namespace Marketo.Extract.Cli;

/// <summary>
/// What the command reads from and writes to outside its arguments: the console, the environment and the clock.
/// Tests pass their own to run the command in-process.
/// </summary>
internal sealed record CliHost
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Gets the lookup of environment variables.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Gets a value indicating whether <see cref="Out"/> is a terminal that can redraw a status line.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Gets the clock that a start date is checked against and that a real extraction runs on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Gets a change to the Marketo client's settings, for tests that need quick retries.</summary>
    public Action<MarketoClientOptions>? ConfigureClient { get; init; }

    /// <summary>Gets a change to the built-in emulator's settings, for tests that need a smaller, faster dataset.</summary>
    public Action<Testing.MarketoEmulatorOptions>? ConfigureEmulator { get; init; }

    /// <summary>Gets a change to the extraction settings, for tests that need faster polling.</summary>
    public Action<Streams.MarketoExtractOptions>? ConfigureExtract { get; init; }

    /// <summary>Gets a wrapper around the HTTP handler, for tests that alter Marketo's responses.</summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? WrapHandler { get; init; }

    /// <summary>Gets the secrets to keep out of error lines; the session adds the client secret.</summary>
    public SecretList Secrets { get; } = new();

    /// <summary>Gets the warnings logged without <c>--verbose</c>, written to stderr only if the command succeeds.</summary>
    public ConcurrentQueue<string> HeldWarnings { get; } = new();

    public static CliHost FromConsole() => new()
    {
        Out = new StandardOutputWriter(Console.Out),
        Error = Console.Error,
        IsInteractive = !Console.IsOutputRedirected,
    };
}
