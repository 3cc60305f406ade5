using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Tests.Records;

/// <summary>A logger that keeps each formatted message, with its level and event name.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string EventName, string Message)> _entries = [];

    public IEnumerable<string> Messages => _entries.Select(entry => entry.Message);

    public IReadOnlyList<(LogLevel Level, string EventName, string Message)> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId.Name ?? string.Empty, formatter(state, exception)));
        }
    }
}
