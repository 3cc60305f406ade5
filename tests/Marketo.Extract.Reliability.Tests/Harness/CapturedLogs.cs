using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Reliability.Tests.Harness;

/// <summary>
/// A logger provider that keeps everything every logger writes at any level: the formatted message, each structured
/// value, each scope and the full text of the exception.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyCollection<CapturedLogEntry> Entries => _entries;

    /// <summary>Gets every captured text, one string per entry, scopes and structured values included.</summary>
    public IEnumerable<string> Texts => _entries.Select(entry => entry.Text);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturedLogs owner, string category) : ILogger
    {
        private readonly AsyncLocal<List<object?>?> _scopes = new();

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var scopes = _scopes.Value ??= [];
            scopes.Add(state);
            return new Scope(scopes);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { category, eventId.Name ?? string.Empty, formatter(state, exception) };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(pair => $"{pair.Key}={pair.Value}"));
            }

            parts.AddRange((_scopes.Value ?? []).Select(scope => scope?.ToString() ?? string.Empty));
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            owner._entries.Enqueue(new CapturedLogEntry(logLevel, eventId.Name, string.Join(" | ", parts)));
        }

        private sealed class Scope(List<object?> scopes) : IDisposable
        {
            public void Dispose() => scopes.RemoveAt(scopes.Count - 1);
        }
    }
}

/// <summary>One captured log entry.</summary>
internal sealed record CapturedLogEntry(LogLevel Level, string? EventName, string Text);
