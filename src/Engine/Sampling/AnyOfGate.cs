using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Admits a trail if any inner gate admits it. Gates are asked in order and asking stops at the first
/// admission, so a <see cref="RateLimitGate"/> placed last spends tokens only on trails the others refused.
/// </summary>
public sealed class AnyOfGate : ISamplingGate, IHashedGate
{
    private readonly GateSequence _gates;

    /// <summary>Combines gates; with no gates no trail is admitted.</summary>
    public AnyOfGate(params ISamplingGate[] gates) => _gates = new GateSequence(gates);

    /// <summary>The inner gates, in the order they are asked.</summary>
    public IReadOnlyList<ISamplingGate> Gates => _gates.Gates;

    /// <inheritdoc/>
    public bool Verdict(TrailId id) => _gates.AnyGives(true, id);

    bool IHashedGate.Verdict(TrailId id, uint idHash) => _gates.AnyGives(true, id, idHash);
}
