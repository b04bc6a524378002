using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Admits a trail only if every inner gate admits it. Gates are asked in order and asking stops at the first
/// refusal, so put a <see cref="RateLimitGate"/> last: it then spends a token only on trails the others admit.
/// </summary>
public sealed class AllOfGate : ISamplingGate
{
    private readonly ISamplingGate[] _gates;

    /// <summary>Combines gates; with no gates every trail is admitted.</summary>
    public AllOfGate(params ISamplingGate[] gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        for (var i = 0; i < gates.Length; i++)
        {
            if (gates[i] is null)
            {
                throw new ArgumentNullException(nameof(gates), $"Gate {i} is null.");
            }
        }

        _gates = (ISamplingGate[])gates.Clone();
    }

    /// <summary>The inner gates, in the order they are asked.</summary>
    public IReadOnlyList<ISamplingGate> Gates => _gates;

    /// <inheritdoc/>
    public bool Verdict(TrailId id)
    {
        foreach (var gate in _gates)
        {
            if (!gate.Verdict(id))
            {
                return false;
            }
        }

        return true;
    }
}
