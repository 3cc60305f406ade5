using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Marketo.Extract.Testing.Tests;

/// <summary>A logger factory that records every entry and can throw on one event, to simulate a defect in the emulator.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>The event name whose logging throws <see cref="InvalidOperationException"/>, or null to throw on none.</summary>
    public volatile string? ThrowOn;

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    internal sealed record LogEntry(LogLevel Level, string? EventName, string Message, Exception? Exception);

    private sealed class RecordingLogger(RecordingLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name is { } name && name == factory.ThrowOn)
            {
                throw new InvalidOperationException($"Logging {name} failed on purpose.");
            }

            factory._entries.Enqueue(new LogEntry(logLevel, eventId.Name, formatter(state, exception), exception));
        }
    }
}
