using System.Runtime.InteropServices;
using CodeSight.Contracts.Ids;

namespace CodeSight.Engine.Sampling;

/// <summary>
/// Fresh trail ids for the recorder, each with its ratio-gate hash already computed. Each thread mints a batch of
/// eight at a time and hashes them four at once (<see cref="TrailIdHash.Of4"/>), which is what brings opening a trail
/// that the ratio gate drops under the cost of one sequential hash. Every id is as random as <see cref="TrailId.New"/>'s
/// (16 bytes from the same per-thread generator, never all zero); an id handed out is never handed out again.
/// </summary>
internal static class MintedTrailIds
{
    private const int BatchSize = 8;

    [ThreadStatic]
    private static Batch? _batch;

    /// <summary>The next fresh id of this thread's batch, and its FNV-1a hash.</summary>
    public static TrailId Next(out uint hash)
    {
        var batch = _batch ??= new Batch();
        var next = batch.Next;
        if (next == BatchSize)
        {
            batch.Refill();
            next = 0;
        }
        batch.Next = next + 1;
        hash = batch.Hashes[next];
        return batch.Ids[next];
    }

    private sealed class Batch
    {
        public readonly TrailId[] Ids = new TrailId[BatchSize];
        public readonly uint[] Hashes = new uint[BatchSize];
        public int Next = BatchSize;

        public void Refill()
        {
            Span<ulong> bits = stackalloc ulong[2 * BatchSize];
            Random.Shared.NextBytes(MemoryMarshal.AsBytes(bits));
            for (var i = 0; i < BatchSize; i++)
            {
                // W3C forbids the all-zero id; 2^-128 likely, but a fresh draw keeps the guarantee exact.
                Ids[i] = (bits[2 * i] | bits[2 * i + 1]) == 0 ? TrailId.New() : new TrailId(bits[2 * i], bits[2 * i + 1]);
            }
            TrailIdHash.Of4(Ids[0], Ids[1], Ids[2], Ids[3], Hashes);
            TrailIdHash.Of4(Ids[4], Ids[5], Ids[6], Ids[7], Hashes.AsSpan(4));
        }
    }
}
