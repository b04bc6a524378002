namespace CodeSight.Persistence.Merkle;

/// <summary>
/// The Merkle tree of RFC 9162 section 2.1 over a growing <see cref="ILeafHashSource"/>. Any prefix of the
/// leaves is itself a tree, so roots and proofs take the tree size they are about: a proof made for size
/// <c>n</c> stays valid after more leaves are appended. Not thread-safe.
/// </summary>
/// <remarks>
/// The source must be append-only: a leaf never changes once added. That lets the tree remember the root of
/// every complete subtree of <see cref="CachedSubtreeLeaves"/> leaves or more once it has computed it, so a root
/// or proof costs O(CachedSubtreeLeaves * log n) hashes after the first, instead of O(n), for about one cached
/// hash per <see cref="CachedSubtreeLeaves"/>/2 leaves.
/// </remarks>
public sealed class MerkleTree
{
    /// <summary>Smallest complete subtree whose root the tree remembers.</summary>
    public const int CachedSubtreeLeaves = 64;

    private readonly ILeafHashSource _leaves;

    // Roots of complete (power-of-two sized, aligned) subtrees, keyed by (first leaf, leaf count). They can
    // never change in an append-only source, so the cache is never invalidated.
    private readonly Dictionary<(long Start, long Count), byte[]> _completeSubtrees = new();

    /// <summary>Creates a tree over <paramref name="leaves"/>, which it reads on demand.</summary>
    /// <param name="leaves">The leaf hashes, in append order; append-only.</param>
    public MerkleTree(ILeafHashSource leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        _leaves = leaves;
    }

    /// <summary>Number of leaves currently in the source.</summary>
    public long Size => _leaves.Count;

    /// <summary>Root of the whole tree as it is now.</summary>
    public byte[] Root() => RootAt(Size);

    /// <summary>Root of the tree made of the first <paramref name="size"/> leaves, MTH(D[0:size]).</summary>
    /// <param name="size">A tree size between 0 and <see cref="Size"/>.</param>
    public byte[] RootAt(long size)
    {
        var root = new byte[MerkleHash.Size];
        RootAt(size, root);
        return root;
    }

    /// <summary>Writes MTH(D[0:size]) into <paramref name="destination"/> without allocating.</summary>
    /// <param name="size">A tree size between 0 and <see cref="Size"/>.</param>
    /// <param name="destination">At least 32 bytes.</param>
    public void RootAt(long size, Span<byte> destination)
    {
        CheckSize(size, nameof(size));
        if (size == 0)
        {
            MerkleHash.EmptyRoot.CopyTo(destination);
            return;
        }

        SubtreeRoot(0, size, destination);
    }

    /// <summary>
    /// Audit path PATH(index, D[0:size]) of RFC 9162 2.1.3.1: the sibling hashes from the leaf up to the root.
    /// </summary>
    /// <param name="index">Zero-based index of the leaf, below <paramref name="size"/>.</param>
    /// <param name="size">Size of the tree the proof is for, at most <see cref="Size"/>.</param>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        CheckSize(size, nameof(size));
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf index must be in [0, {size}) for a tree of size {size}.");
        }

        var proof = new List<byte[]>();
        AuditPath(index, 0, size, proof);
        return proof;
    }

    /// <summary>
    /// Consistency proof PROOF(first, D[0:second]) of RFC 9162 2.1.4.1, showing that the tree of size
    /// <paramref name="first"/> is a prefix of the tree of size <paramref name="second"/>. Empty when
    /// <paramref name="first"/> is 0 or equals <paramref name="second"/>.
    /// </summary>
    /// <param name="first">The earlier tree size, 0 &lt;= first &lt;= second.</param>
    /// <param name="second">The later tree size, at most <see cref="Size"/>.</param>
    public IReadOnlyList<byte[]> ConsistencyProof(long first, long second)
    {
        CheckSize(second, nameof(second));
        if (first < 0 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first), first, $"The first tree size must be in [0, {second}].");
        }

        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, startsAtOldRoot: true, proof);
        }

        return proof;
    }

    /// <summary>Largest power of two strictly below <paramref name="n"/> (n &gt;= 2): the RFC's split point k.</summary>
    internal static long SplitPoint(long n)
    {
        return 1L << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1)));
    }

    private void AuditPath(long index, long start, long count, List<byte[]> proof)
    {
        if (count == 1)
        {
            return;
        }

        long k = SplitPoint(count);
        if (index < k)
        {
            AuditPath(index, start, k, proof);
            proof.Add(SubtreeRoot(start + k, count - k));
        }
        else
        {
            AuditPath(index - k, start + k, count - k, proof);
            proof.Add(SubtreeRoot(start, k));
        }
    }

    private void SubProof(long m, long start, long count, bool startsAtOldRoot, List<byte[]> proof)
    {
        if (m == count)
        {
            // The old tree is exactly this subtree: the verifier knows its hash when it is the old root itself.
            if (!startsAtOldRoot)
            {
                proof.Add(SubtreeRoot(start, count));
            }

            return;
        }

        long k = SplitPoint(count);
        if (m <= k)
        {
            SubProof(m, start, k, startsAtOldRoot, proof);
            proof.Add(SubtreeRoot(start + k, count - k));
        }
        else
        {
            SubProof(m - k, start + k, count - k, startsAtOldRoot: false, proof);
            proof.Add(SubtreeRoot(start, k));
        }
    }

    private byte[] SubtreeRoot(long start, long count)
    {
        var hash = new byte[MerkleHash.Size];
        SubtreeRoot(start, count, hash);
        return hash;
    }

    private void SubtreeRoot(long start, long count, Span<byte> destination)
    {
        if (count == 1)
        {
            _leaves.CopyLeafHash(start, destination);
            return;
        }

        bool complete = count >= CachedSubtreeLeaves && System.Numerics.BitOperations.IsPow2((ulong)count);
        if (complete && _completeSubtrees.TryGetValue((start, count), out byte[]? cached))
        {
            cached.CopyTo(destination);
            return;
        }

        // Recursion depth is at most 63, so the two 32-byte stack buffers per level stay small.
        long k = SplitPoint(count);
        Span<byte> left = stackalloc byte[MerkleHash.Size];
        Span<byte> right = stackalloc byte[MerkleHash.Size];
        SubtreeRoot(start, k, left);
        SubtreeRoot(start + k, count - k, right);
        MerkleHash.Node(left, right, destination);
        if (complete)
        {
            _completeSubtrees[(start, count)] = destination[..MerkleHash.Size].ToArray();
        }
    }

    private void CheckSize(long size, string name)
    {
        long available = _leaves.Count;
        if (size < 0 || size > available)
        {
            throw new ArgumentOutOfRangeException(name, size, $"Tree size must be in [0, {available}], the number of leaves held.");
        }
    }
}
