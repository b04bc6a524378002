namespace CodeSight.Engine.Recording;

/// <summary>
/// The probe the current logical flow of work is in, for code that has no handle to pass along (a log entry, a
/// library call): <c>using var _ = probe.MakeCurrent();</c> makes a probe current until the scope ends. The value
/// flows with the <see cref="ExecutionContext"/>, so it follows <c>await</c>s and tasks started inside the scope, and
/// each flow sees only its own. Opening a probe does not make it current by itself: that costs an execution-context
/// copy, which the recording hot path does not pay unless asked.
/// </summary>
public static class AmbientProbe
{
    private static readonly AsyncLocal<ProbeHandle?> CurrentProbe = new();

    /// <summary>The probe made current in this flow, or null when none is.</summary>
    public static ProbeHandle? Current => CurrentProbe.Value;

    /// <summary>
    /// Makes <paramref name="probe"/> the current probe of this flow until the returned scope is disposed, which puts
    /// the previous one back. A no-op handle may be made current; consumers treat it as "no probe".
    /// </summary>
    public static AmbientProbeScope MakeCurrent(this ProbeHandle probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var previous = CurrentProbe.Value;
        CurrentProbe.Value = probe;
        return new AmbientProbeScope(previous);
    }

    internal static void Restore(ProbeHandle? previous) => CurrentProbe.Value = previous;
}
