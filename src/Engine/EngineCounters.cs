namespace CodeSight.Engine;

/// <summary>
/// What the tracing plane admitted, dropped, rejected and completed — every message it did not turn into a signal
/// is counted here under the reason why. Read any time; the dashboard shows them.
/// </summary>
public sealed class EngineCounters
{
    /// <summary>Trails admitted by the head gate (a trail actor was started).</summary>
    public StripedCounter TrailsAdmitted { get; } = new();

    /// <summary>Trails the head gate dropped (or opened while the recorder was disabled).</summary>
    public StripedCounter TrailsSampledOut { get; } = new();

    /// <summary>
    /// Trails that ended for any reason: completed, abandoned, failed, or dropped when their shard stopped.
    /// <see cref="TrailsAdmitted"/> minus this is the number running.
    /// </summary>
    public StripedCounter TrailsEnded { get; } = new();

    /// <summary>Trails that ended with every probe closed.</summary>
    public StripedCounter TrailsCompleted { get; } = new();

    /// <summary>Trails ended by the idle timeout; their open probes were closed as abandoned.</summary>
    public StripedCounter TrailsAbandoned { get; } = new();

    /// <summary>Trails that tail sampling kept (errors, slow, or head-sampled).</summary>
    public StripedCounter TrailsKeptByTail { get; } = new();

    /// <summary>Trails that tail sampling discarded at completion.</summary>
    public StripedCounter TrailsDroppedByTail { get; } = new();

    /// <summary>Probes opened.</summary>
    public StripedCounter ProbesOpened { get; } = new();

    /// <summary>Probes closed (including abandoned ones).</summary>
    public StripedCounter ProbesClosed { get; } = new();

    /// <summary>Update, fail or close messages naming a probe the trail does not know.</summary>
    public StripedCounter UnknownProbeMessages { get; } = new();

    /// <summary>Updates or failures of a probe that had already closed.</summary>
    public StripedCounter UpdatesAfterClose { get; } = new();

    /// <summary>Repeated closes of a closed probe (harmless: close is idempotent).</summary>
    public StripedCounter RepeatedCloses { get; } = new();

    /// <summary>Opens rejected: unknown parent, a second root, or a probe id already used in the trail.</summary>
    public StripedCounter RejectedOpens { get; } = new();

    /// <summary>
    /// Messages for a trail that is neither running nor known to be sampled out. A recorder probe's open and close count
    /// as two, also when the close travelled with the open as one message.
    /// </summary>
    public StripedCounter MessagesForUnknownTrails { get; } = new();

    /// <summary>Messages for trails that were sampled out (dropped on purpose, at no cost).</summary>
    public StripedCounter MessagesForSampledOutTrails { get; } = new();

    /// <summary>Trail actors that threw (each is stopped; its probes are lost and counted here).</summary>
    public StripedCounter TrailFailures { get; } = new();

    /// <summary>Signals a slow <c>Signals()</c> consumer missed because its buffer was full.</summary>
    public StripedCounter SignalsDroppedForSlowReaders { get; } = new();
}
