using System.Buffers.Binary;
using System.Numerics;

namespace CodeSight.Persistence.Merkle;

/// <summary>
/// The compact range of a Merkle tree: the roots of the perfect subtrees that cover all leaves so far, one per
/// set bit of the size, largest (leftmost) first. It holds at most 63 hashes, appends a leaf in amortised O(1)
/// hashes, and yields the RFC 9162 root in O(log n) without touching old leaves. Ledger snapshots store it
/// (<see cref="ToBytes"/>) so that recovery resumes the tree instead of rehashing the whole ledger.
/// </summary>
public sealed class MerkleFrontier
{
    /// <summary>Format byte leading every serialised frontier.</summary>
    public const byte FormatVersion = 1;

    private const int HeaderLength = 1 + sizeof(ulong);
    private const int MaxSubtrees = 63;

    // Subtree roots back to back, largest first; _size's popcount says how many are in use.
    private readonly byte[] _roots = new byte[MaxSubtrees * MerkleHash.Size];
    private long _size;

    /// <summary>Number of leaves appended so far.</summary>
    public long Size => _size;

    /// <summary>Number of subtree roots held: the number of set bits in <see cref="Size"/>.</summary>
    public int SubtreeCount => BitOperations.PopCount((ulong)_size);

    /// <summary>Builds the frontier of the first <paramref name="size"/> leaves of <paramref name="leaves"/>.</summary>
    /// <param name="leaves">The leaf hashes.</param>
    /// <param name="size">How many leading leaves to cover, at most <see cref="ILeafHashSource.Count"/>.</param>
    public static MerkleFrontier Build(ILeafHashSource leaves, long size)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (size < 0 || size > leaves.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Frontier size must be in [0, {leaves.Count}].");
        }

        var frontier = new MerkleFrontier();
        Span<byte> leaf = stackalloc byte[MerkleHash.Size];
        for (long i = 0; i < size; i++)
        {
            leaves.CopyLeafHash(i, leaf);
            frontier.Append(leaf);
        }

        return frontier;
    }

    /// <summary>Restores a frontier written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">Version byte, big-endian 64-bit size, then one 32-byte hash per set bit of the size.</param>
    /// <exception cref="FormatException">The bytes are not a frontier of this format; the message says which part is wrong.</exception>
    public static MerkleFrontier FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength)
        {
            throw new FormatException($"A Merkle frontier needs at least {HeaderLength} bytes (version and size); got {bytes.Length}.");
        }

        if (bytes[0] != FormatVersion)
        {
            throw new FormatException($"Merkle frontier format version at byte 0 is {bytes[0]}; this build reads version {FormatVersion}.");
        }

        ulong size = BinaryPrimitives.ReadUInt64BigEndian(bytes[1..]);
        if (size > long.MaxValue)
        {
            throw new FormatException($"Merkle frontier size at bytes 1-8 is {size}, above the largest tree size {long.MaxValue}.");
        }

        int subtrees = BitOperations.PopCount(size);
        int expected = HeaderLength + (subtrees * MerkleHash.Size);
        if (bytes.Length != expected)
        {
            throw new FormatException(
                $"A Merkle frontier of {size} leaves holds {subtrees} hashes and is {expected} bytes long; got {bytes.Length} bytes.");
        }

        var frontier = new MerkleFrontier { _size = (long)size };
        bytes[HeaderLength..].CopyTo(frontier._roots);
        return frontier;
    }

    /// <summary>Appends one leaf hash, merging equal-sized subtrees as a binary counter carries.</summary>
    /// <param name="leafHash">The leaf's 32-byte hash.</param>
    /// <exception cref="ArgumentException">The hash is not 32 bytes long.</exception>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"Leaf hash {_size} must be {MerkleHash.Size} bytes, not {leafHash.Length}.", nameof(leafHash));
        }

        if (_size == long.MaxValue)
        {
            throw new InvalidOperationException("The Merkle frontier is full: it already covers 2^63 - 1 leaves.");
        }

        int count = SubtreeCount;
        leafHash.CopyTo(Slot(count));
        count++;

        // Each trailing one bit of the old size is a subtree as large as the one being carried: merge them.
        for (ulong carry = (ulong)_size; (carry & 1) == 1; carry >>= 1)
        {
            MerkleHash.Node(Slot(count - 2), Slot(count - 1), Slot(count - 2));
            count--;
        }

        _size++;
    }

    /// <summary>The current root, MTH of all appended leaves.</summary>
    public byte[] Root()
    {
        var root = new byte[MerkleHash.Size];
        Root(root);
        return root;
    }

    /// <summary>Writes the current root into <paramref name="destination"/> without allocating.</summary>
    /// <param name="destination">At least 32 bytes.</param>
    public void Root(Span<byte> destination)
    {
        int count = SubtreeCount;
        if (count == 0)
        {
            MerkleHash.EmptyRoot.CopyTo(destination);
            return;
        }

        // The RFC's split puts the largest perfect subtree on the left, so fold from the right.
        Span<byte> accumulator = stackalloc byte[MerkleHash.Size];
        Slot(count - 1).CopyTo(accumulator);
        for (int i = count - 2; i >= 0; i--)
        {
            MerkleHash.Node(Slot(i), accumulator, accumulator);
        }

        accumulator.CopyTo(destination);
    }

    /// <summary>Serialises the frontier: version byte, big-endian 64-bit size, subtree roots largest first.</summary>
    public byte[] ToBytes()
    {
        int count = SubtreeCount;
        var bytes = new byte[HeaderLength + (count * MerkleHash.Size)];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), (ulong)_size);
        _roots.AsSpan(0, count * MerkleHash.Size).CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    private Span<byte> Slot(int index) => _roots.AsSpan(index * MerkleHash.Size, MerkleHash.Size);
}
