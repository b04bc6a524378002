namespace CodeSight.Engine.Recording;

/// <summary>
/// A recorder handle's close, told to its trail actor. The status and time live in the handle (written once, before
/// this message is told, so the actor sees them), which keeps this message to a single reference.
/// </summary>
internal sealed class ProbeClosing(LiveProbeHandle probe)
{
    public LiveProbeHandle Probe { get; } = probe;
}
