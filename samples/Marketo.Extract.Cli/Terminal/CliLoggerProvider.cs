using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Cli.Terminal;

/// <summary>
/// Writes the library's log lines to stderr. With <c>--verbose</c> each line from Information up is written as it
/// happens, with the time and level. Without it, warnings are held in <see cref="CliHost.HeldWarnings"/>: the
/// command writes them after a successful run, and a failed run prints only its error line, which already names
/// the failure that the warnings led up to.
/// </summary>
/// <remarks>Every line goes through <see cref="CliHost.Secrets"/>, like the error line.</remarks>
internal sealed class CliLoggerProvider(CliHost host, bool verbose) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new CliLogger(this);

    public void Dispose()
    {
    }

    /// <summary>Writes the held warnings to stderr and removes them from the queue.</summary>
    public static void WriteHeldWarnings(CliHost host)
    {
        while (host.HeldWarnings.TryDequeue(out var warning))
        {
            host.Error.WriteLine("marketo-extract: warning: " + warning);
        }
    }

    private LogLevel MinimumLevel => verbose ? LogLevel.Information : LogLevel.Warning;

    private void Write(LogLevel level, string message, Exception? exception)
    {
        var text = host.Secrets.Redact(OneLine(message));
        if (!verbose)
        {
            host.HeldWarnings.Enqueue(text);
            return;
        }

        if (exception is not null)
        {
            text += " (" + host.Secrets.Redact(OneLine(exception.Message)) + ")";
        }

        var time = host.Clock.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            host.Error.WriteLine($"{time} {LevelName(level)}: {text}");
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Critical => "crit",
        LogLevel.Error => "fail",
        LogLevel.Warning => "warn",
        LogLevel.Information => "info",
        LogLevel.Debug => "dbug",
        _ => "trce",
    };

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed class CliLogger(CliLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, formatter(state, exception), exception);
            }
        }
    }
}
