using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Admits a deterministic fraction of trails, keyed on the trail id: FNV-1a 32-bit over the UTF-8 bytes of
/// the id's 32-char lowercase hex text (offset 0x811c9dc5, prime 0x01000193); a trail is admitted iff
/// hash / 2^32 &lt; fraction. Every process that sees the same id reaches the same verdict, so a trail is
/// sampled everywhere or nowhere.
/// </summary>
public sealed class RatioGate : ISamplingGate, IHashedGate
{
    // The admission bound in hash units: hash < _bound  <=>  hash / 2^32 < fraction. Both sides are exact in
    // double (a uint and a power-of-two scale), so the comparison has no rounding error.
    private readonly double _bound;

    /// <summary>Creates a gate that admits about <paramref name="fraction"/> of all trails.</summary>
    /// <param name="fraction">
    /// The share to admit. NaN or anything &lt;= 0 admits nothing (NaN fails closed rather than open);
    /// anything &gt;= 1 admits everything, including ids whose hash is 2^32 - 1.
    /// </param>
    public RatioGate(double fraction)
    {
        Fraction = fraction;
        _bound = double.IsNaN(fraction) || fraction <= 0
            ? 0
            : fraction >= 1
                ? double.PositiveInfinity
                : fraction * 4294967296.0;
    }

    /// <summary>The fraction the gate was built with, as given.</summary>
    public double Fraction { get; }

    /// <inheritdoc/>
    public bool Verdict(TrailId id) => Hash(id) < _bound;

    /// <summary>The FNV-1a 32-bit hash of the id's hex text; computed without formatting the text or allocating.</summary>
    public static uint Hash(TrailId id) => TrailIdHash.Of(id);

    bool IHashedGate.Verdict(TrailId id, uint idHash) => idHash < _bound;
}
