using CodeSight.Engine.Recording;
using Microsoft.Extensions.Logging;

namespace CodeSight.Hosting.Logging;

/// <summary>
/// One category's logger: each entry at or above the minimum level becomes a log observation linked to
/// <see cref="AmbientProbe.Current"/>, or to no probe when none is current. Recording only builds the fields and
/// publishes on the event stream; it never waits for the engine.
/// </summary>
internal sealed class CodeSightLogger(string category, CodeSightLoggerProvider provider) : ILogger
{
    // The library's own categories: a log entry written by the engine, its actors or this bridge is never turned into
    // an observation, so that recording a log can never cause another log to be recorded.
    private static readonly string[] OwnCategories =
        ["CodeSight.Actors", "CodeSight.Engine", "CodeSight.Persistence", "CodeSight.Hosting.Runtime", "CodeSight.Hosting.Logging"];

    // Set while this thread records an entry: anything logged meanwhile (by a value's ToString, a redactor, a
    // synchronous event-stream subscriber) is dropped and counted rather than recursing.
    [ThreadStatic]
    private static bool t_recording;

    private readonly bool _own = OwnCategories.Any(own => category == own || category.StartsWith(own + ".", StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.ScopeProvider.Push(state);

    public bool IsEnabled(LogLevel logLevel) => !_own && logLevel != LogLevel.None && logLevel >= provider.Options.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var counters = provider.Counters;
        if (t_recording)
        {
            counters.CountReentrant();
            return;
        }

        var engine = provider.Relay.Engine;
        if (engine is null)
        {
            counters.CountNotRunning();
            return;
        }

        t_recording = true;
        try
        {
            var options = provider.Options;
            var message = engine.Redactor.RedactString(formatter(state, exception) ?? "");
            var fields = LogEntryFields.Build(state, eventId, exception, options.IncludeScopes ? provider.ScopeProvider : null);
            engine.Sight.Log(category, message, LevelName(logLevel), engine.Redactor.Redact(fields), AmbientProbe.Current, options.Modality);
            counters.CountRecorded();
        }
        catch (Exception)
        {
            // A logger must not throw into the code that logs: the entry is counted as failed instead.
            counters.CountFailed();
        }
        finally
        {
            t_recording = false;
        }
    }

    /// <summary>The level names Code Sight's log observations use (Python's logging names).</summary>
    internal static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => level.ToString().ToUpperInvariant(),
    };
}
