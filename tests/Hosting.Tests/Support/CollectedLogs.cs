using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Tests.Support;

/// <summary>A logger provider that keeps every entry, so a test can see what the host reported.</summary>
internal sealed class CollectedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
