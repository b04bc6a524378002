using System.Buffers.Binary;

namespace CodeSight.Contracts.Ids;

/// <summary>Source of fresh random id bits.</summary>
internal static class IdMint
{
    // Random.Shared keeps one xoshiro256** generator per thread, seeded from the OS, so minting never
    // contends on a lock and two threads never share a sequence. With 64 or 128 random bits a collision
    // is a birthday event (about 2^32 ids for probes, 2^64 for trails), not a race.
    public static ulong Next()
    {
        Span<byte> bits = stackalloc byte[8];
        Random.Shared.NextBytes(bits);
        return BinaryPrimitives.ReadUInt64LittleEndian(bits);
    }

    public static ulong NextNonZero()
    {
        ulong value;
        do
        {
            value = Next();
        }
        while (value == 0);

        return value;
    }
}
