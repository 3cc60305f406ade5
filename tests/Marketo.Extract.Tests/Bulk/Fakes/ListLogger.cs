using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Tests.Bulk.Fakes;

/// <summary>A logger that keeps every entry, to check what was logged at which level.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly object _lock = new();
    private readonly List<(LogLevel Level, EventId EventId, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception)));
        }
    }

    public IReadOnlyList<string> Messages(string eventName) =>
        Entries.Where(entry => entry.EventId.Name == eventName).Select(entry => entry.Message).ToList();
}
