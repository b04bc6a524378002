using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Admits a trail only if every inner gate admits it. Gates are asked in order and asking stops at the first
/// refusal, so put a <see cref="RateLimitGate"/> last: it then spends a token only on trails the others admit.
/// </summary>
public sealed class AllOfGate : ISamplingGate, IHashedGate
{
    private readonly ISamplingGate[] _gates;
    // The same gates where they are built-in ones that take a known hash; null for the others.
    private readonly IHashedGate?[] _hashed;

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
        _hashed = Array.ConvertAll(_gates, g => g as IHashedGate);
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

    bool IHashedGate.Verdict(TrailId id, uint idHash)
    {
        for (var i = 0; i < _gates.Length; i++)
        {
            var hashed = _hashed[i];
            if (!(hashed is null ? _gates[i].Verdict(id) : hashed.Verdict(id, idHash)))
            {
                return false;
            }
        }

        return true;
    }
}
