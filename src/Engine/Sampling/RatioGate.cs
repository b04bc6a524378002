using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Admits a deterministic fraction of trails, keyed on the trail id: FNV-1a 32-bit over the UTF-8 bytes of
/// the id's 32-char lowercase hex text (offset 0x811c9dc5, prime 0x01000193); a trail is admitted iff
/// hash / 2^32 &lt; fraction. Every process that sees the same id reaches the same verdict, so a trail is
/// sampled everywhere or nowhere.
/// </summary>
public sealed class RatioGate : ISamplingGate
{
    private const uint OffsetBasis = 0x811c9dc5;
    private const uint Prime = 0x01000193;

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
    public static uint Hash(TrailId id) => HashHex(HashHex(OffsetBasis, id.High), id.Low);

    // Hashes the 16 lowercase hex digits of `half`, most significant first, as their UTF-8 bytes. The digit bytes
    // are derived from the nibbles on the fly (no text buffer); what bounds the speed is the chain of 16 dependent
    // multiplies, which FNV-1a cannot avoid.
    private static uint HashHex(uint hash, ulong half)
    {
        for (var shift = 60; shift >= 0; shift -= 4)
        {
            var nibble = (uint)(half >> shift) & 0xF;
            // '0'..'9' are 0x30..0x39 and 'a'..'f' are 0x61..0x66: add 39 more for nibbles above 9, without a branch.
            var digit = nibble + 0x30 + (((9 - nibble) >> 31) * 39);
            hash ^= digit;
            hash *= Prime; // unchecked by default: the multiply is meant to wrap modulo 2^32
        }

        return hash;
    }
}
