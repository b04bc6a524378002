using CodeSight.Engine;
using CodeSight.Hosting.Runtime;

namespace CodeSight.Hosting.Logging;

/// <summary>
/// Connects the logger provider to the runtime once the runtime exists. Logger providers are built by the logging
/// factory, often before the runtime (and resolving the runtime from inside a log call could recurse into its own
/// construction), so the runtime attaches itself here instead of being injected into the provider.
/// </summary>
internal sealed class LogRelay
{
    private volatile CodeSightRuntime? _runtime;

    public CodeSightLogCounters Counters { get; } = new();

    /// <summary>The engine to record into, or null while no runtime is attached or once it is stopping.</summary>
    public CodeSightEngine? Engine => _runtime is { IsRunning: true } runtime ? runtime.Engine : null;

    public void Attach(CodeSightRuntime runtime) => _runtime = runtime;
}
