using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>Admits every trail; the default gate.</summary>
public sealed class AlwaysGate : ISamplingGate, IHashedGate
{
    private AlwaysGate()
    {
    }

    /// <summary>The shared instance.</summary>
    public static AlwaysGate Instance { get; } = new();

    /// <inheritdoc/>
    public bool Verdict(TrailId id) => true;

    bool IHashedGate.Verdict(TrailId id, uint idHash) => true;
}
