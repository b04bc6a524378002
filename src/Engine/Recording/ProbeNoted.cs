namespace CodeSight.Engine.Recording;

/// <summary>A recorder handle's note, told to its trail actor: attributes to merge into the probe, stamped by the engine's clock.</summary>
internal sealed class ProbeNoted(LiveProbeHandle probe, IReadOnlyDictionary<string, object?> attributes, long at)
{
    public LiveProbeHandle Probe { get; } = probe;

    public IReadOnlyDictionary<string, object?> Attributes { get; } = attributes;

    public long At { get; } = at;
}
