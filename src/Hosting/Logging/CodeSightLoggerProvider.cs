using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeSight.Hosting.Logging;

/// <summary>
/// The <see cref="ILoggerProvider"/> that <c>logging.AddCodeSight()</c> registers: every entry becomes a log
/// observation of the CodeSight runtime that <c>services.AddCodeSight(...)</c> started (level, category as target,
/// message, the state's named properties and <c>{OriginalFormat}</c>, event id, exception, scopes), linked to the
/// current probe (<see cref="CodeSight.Engine.Recording.AmbientProbe"/>). Entries logged while no runtime runs are
/// counted in <see cref="Counters"/>, not recorded.
/// </summary>
[ProviderAlias("CodeSight")]
public sealed class CodeSightLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, CodeSightLogger> _loggers = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<CodeSightLoggerOptions> _options;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    internal CodeSightLoggerProvider(LogRelay relay, IOptionsMonitor<CodeSightLoggerOptions> options)
    {
        Relay = relay;
        _options = options;
    }

    /// <summary>What happened to the entries this provider accepted.</summary>
    public CodeSightLogCounters Counters => Relay.Counters;

    internal LogRelay Relay { get; }

    internal CodeSightLoggerOptions Options => _options.CurrentValue;

    internal IExternalScopeProvider ScopeProvider => Volatile.Read(ref _scopes);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, static (name, provider) => new CodeSightLogger(name, provider), this);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Volatile.Write(ref _scopes, scopeProvider);

    /// <summary>Nothing to release: the runtime, not the provider, owns the engine.</summary>
    public void Dispose()
    {
    }
}
