using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// FNV-1a 32-bit over the UTF-8 bytes of a trail id's 32 lowercase hex chars (offset 0x811c9dc5, prime 0x01000193),
/// the mapping DESIGN.md fixes for the ratio gate. The digit bytes come from a table indexed by each byte of the id
/// (two hex chars per entry, built once): no text is formatted and nothing is allocated.
/// </summary>
internal static class TrailIdHash
{
    private const uint OffsetBasis = 0x811c9dc5;
    private const uint Prime = 0x01000193;

    // For each byte value, its two lowercase hex chars: the high nibble's in the low 8 bits, the low nibble's above.
    private static readonly ushort[] DigitPairs = BuildDigitPairs();

    /// <summary>The hash of one id.</summary>
    public static uint Of(TrailId id) => Step8(Step8(OffsetBasis, id.High), id.Low);

    /// <summary>
    /// The hashes of four ids at once. One hash is a chain of 32 dependent multiplies that no rewrite can shorten;
    /// four independent chains interleaved keep the multiplier busy while each waits on its previous step, so four
    /// cost about what one costs alone.
    /// </summary>
    public static void Of4(TrailId a, TrailId b, TrailId c, TrailId d, Span<uint> hashes)
    {
        // Indexed by a byte into 256 entries: read without bounds checks.
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(DigitPairs);
        uint ha = OffsetBasis, hb = OffsetBasis, hc = OffsetBasis, hd = OffsetBasis;
        for (var half = 0; half < 2; half++)
        {
            ulong xa = half == 0 ? a.High : a.Low, xb = half == 0 ? b.High : b.Low;
            ulong xc = half == 0 ? c.High : c.Low, xd = half == 0 ? d.High : d.Low;
            for (var shift = 56; shift >= 0; shift -= 8)
            {
                uint pa = Unsafe.Add(ref pairs, (byte)(xa >> shift)), pb = Unsafe.Add(ref pairs, (byte)(xb >> shift));
                uint pc = Unsafe.Add(ref pairs, (byte)(xc >> shift)), pd = Unsafe.Add(ref pairs, (byte)(xd >> shift));
                ha = (ha ^ (pa & 0xFF)) * Prime;
                hb = (hb ^ (pb & 0xFF)) * Prime;
                hc = (hc ^ (pc & 0xFF)) * Prime;
                hd = (hd ^ (pd & 0xFF)) * Prime;
                ha = (ha ^ (pa >> 8)) * Prime;
                hb = (hb ^ (pb >> 8)) * Prime;
                hc = (hc ^ (pc >> 8)) * Prime;
                hd = (hd ^ (pd >> 8)) * Prime;
            }
        }
        hashes[0] = ha;
        hashes[1] = hb;
        hashes[2] = hc;
        hashes[3] = hd;
    }

    // Hashes the 16 hex digits of `half`, most significant first. The multiply is meant to wrap modulo 2^32.
    private static uint Step8(uint hash, ulong half)
    {
        ref var pairs = ref MemoryMarshal.GetArrayDataReference(DigitPairs);
        for (var shift = 56; shift >= 0; shift -= 8)
        {
            uint pair = Unsafe.Add(ref pairs, (byte)(half >> shift));
            hash = (hash ^ (pair & 0xFF)) * Prime;
            hash = (hash ^ (pair >> 8)) * Prime;
        }
        return hash;
    }

    private static ushort[] BuildDigitPairs()
    {
        const string digits = "0123456789abcdef";
        var pairs = new ushort[256];
        for (var b = 0; b < 256; b++) pairs[b] = (ushort)(digits[b >> 4] | (digits[b & 0xF] << 8));
        return pairs;
    }
}
