using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// The inner gates of <see cref="AllOfGate"/> and <see cref="AnyOfGate"/>, asked in order until one gives the verdict
/// that decides the whole: a refusal for all-of, an admission for any-of.
/// </summary>
internal sealed class GateSequence
{
    private readonly ISamplingGate[] _gates;
    // The same gates where they are built-in ones that take a known hash; null for the others.
    private readonly IHashedGate?[] _hashed;

    public GateSequence(ISamplingGate[] gates)
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

    public IReadOnlyList<ISamplingGate> Gates => _gates;

    /// <summary>Whether some gate, asked in order, gives <paramref name="verdict"/>; asking stops at the first that does.</summary>
    public bool AnyGives(bool verdict, TrailId id)
    {
        foreach (var gate in _gates)
        {
            if (gate.Verdict(id) == verdict)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>As <see cref="AnyGives(bool, TrailId)"/>, handing the known ratio-gate hash to the built-in gates.</summary>
    public bool AnyGives(bool verdict, TrailId id, uint idHash)
    {
        for (var i = 0; i < _gates.Length; i++)
        {
            var hashed = _hashed[i];
            if ((hashed is null ? _gates[i].Verdict(id) : hashed.Verdict(id, idHash)) == verdict)
            {
                return true;
            }
        }

        return false;
    }
}
