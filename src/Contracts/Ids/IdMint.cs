namespace CodeSight.Contracts.Ids;

/// <summary>Source of fresh random id bits.</summary>
internal static class IdMint
{
    // Random.Shared keeps one xoshiro256** generator per thread, seeded from the OS, so minting never
    // contends on a lock and two threads never share a sequence. With 64 or 128 random bits a collision
    // is a birthday event (about 2^32 ids for probes, 2^64 for trails), not a race.
    public static ulong Next()
    {
        // NextInt64 yields the generator's top 63 bits; a second draw supplies the 64th. Two draws cost a fraction
        // of NextBytes on a span, which goes through the generic byte-filling path.
        var high = (ulong)Random.Shared.NextInt64();
        var low = (ulong)Random.Shared.NextInt64();
        return (high << 1) | (low >> 62);
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
