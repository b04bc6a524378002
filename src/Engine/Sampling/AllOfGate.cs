using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Admits a trail only if every inner gate admits it. Gates are asked in order and asking stops at the first
/// refusal, so put a <see cref="RateLimitGate"/> last: it then spends a token only on trails the others admit.
/// </summary>
public sealed class AllOfGate : ISamplingGate, IHashedGate
{
    private readonly GateSequence _gates;

    /// <summary>Combines gates; with no gates every trail is admitted.</summary>
    public AllOfGate(params ISamplingGate[] gates) => _gates = new GateSequence(gates);

    /// <summary>The inner gates, in the order they are asked.</summary>
    public IReadOnlyList<ISamplingGate> Gates => _gates.Gates;

    /// <inheritdoc/>
    public bool Verdict(TrailId id) => !_gates.AnyGives(false, id);

    bool IHashedGate.Verdict(TrailId id, uint idHash) => !_gates.AnyGives(false, id, idHash);
}
