using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>Drops every trail; useful to switch recording off without touching the host.</summary>
public sealed class NeverGate : ISamplingGate, IHashedGate
{
    private NeverGate()
    {
    }

    /// <summary>The shared instance.</summary>
    public static NeverGate Instance { get; } = new();

    /// <inheritdoc/>
    public bool Verdict(TrailId id) => false;

    bool IHashedGate.Verdict(TrailId id, uint idHash) => false;
}
