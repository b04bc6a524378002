using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Tests.Support;

/// <summary>A logger provider that keeps every entry, so a test can see (or await) what the host reported.</summary>
internal sealed class CollectedLogs : ILoggerProvider
{
    private readonly SemaphoreSlim _arrived = new(0);

    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, this);

    /// <summary>The first entry matching <paramref name="isMatch"/>, waiting up to ten seconds for it to be logged.</summary>
    public async Task<(string Category, LogLevel Level, string Message)> WaitFor(Func<(string Category, LogLevel Level, string Message), bool> isMatch)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            foreach (var entry in Entries)
            {
                if (isMatch(entry)) return entry;
            }

            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No matching log entry within 10 s; logged: " +
                    string.Join(" | ", Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
            }
        }
    }

    public void Dispose()
    {
    }

    private void Add(string category, LogLevel level, string message)
    {
        Entries.Enqueue((category, level, message));
        _arrived.Release();
    }

    private sealed class Collector(string category, CollectedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Add(category, logLevel, formatter(state, exception));
    }
}
