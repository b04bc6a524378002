using System.Numerics;

namespace CodeSight.Persistence.Merkle;

/// <summary>
/// Checks inclusion and consistency proofs with the verification algorithms of RFC 9162, sections 2.1.3.2 and
/// 2.1.4.2, step by step. Proofs may come from anyone, so nothing here throws on malformed input: a null or
/// mis-sized hash, an index outside the tree, a proof that is too short or too long all yield an invalid
/// result with a reason. Every loop is bounded by the proof's length or by the 64 bits of the sizes.
/// </summary>
public static class MerkleProofVerifier
{
    // A tree of at most 2^63 - 1 leaves is at most 63 levels high; a longer proof cannot be valid.
    private const int MaxProofLength = 64;

    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of size <paramref name="size"/> with root <paramref name="root"/>.</summary>
    /// <param name="leafHash">The leaf's hash, SHA-256(0x00 || payload).</param>
    /// <param name="index">The leaf's zero-based index.</param>
    /// <param name="size">The tree size the proof and root are for.</param>
    /// <param name="proof">The audit path, from the leaf's sibling up to the root's child.</param>
    /// <param name="root">The trusted root of the tree of size <paramref name="size"/>.</param>
    public static ProofVerification VerifyInclusion(
        ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> root)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            return ProofVerification.Invalid($"the leaf hash is {leafHash.Length} bytes, not {MerkleHash.Size}");
        }

        if (root.Length != MerkleHash.Size)
        {
            return ProofVerification.Invalid($"the root is {root.Length} bytes, not {MerkleHash.Size}");
        }

        if (size <= 0)
        {
            return ProofVerification.Invalid($"tree size {size} holds no leaves");
        }

        if (index < 0 || index >= size)
        {
            return ProofVerification.Invalid($"leaf index {index} is outside the tree of size {size}");
        }

        if (CheckPath(proof, 0) is { } malformed)
        {
            return ProofVerification.Invalid(malformed);
        }

        ulong fn = (ulong)index;
        ulong sn = (ulong)(size - 1);
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        for (int i = 0; i < proof!.Count; i++)
        {
            if (sn == 0)
            {
                return ProofVerification.Invalid($"the proof has {proof.Count} hashes, more than the path from leaf {index} to the root of a tree of size {size}");
            }

            byte[] p = proof[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return ProofVerification.Invalid($"the proof has {proof.Count} hashes, fewer than the path from leaf {index} to the root of a tree of size {size}");
        }

        return r.SequenceEqual(root)
            ? ProofVerification.Valid
            : ProofVerification.Invalid($"the root computed from the proof does not match the given root of the tree of size {size}");
    }

    /// <summary>
    /// Checks that the tree of size <paramref name="first"/> with root <paramref name="firstRoot"/> is a prefix of
    /// the tree of size <paramref name="second"/> with root <paramref name="secondRoot"/>. For <c>first == 0</c>
    /// the proof must be empty and the first root the empty root; for <c>first == second</c> the proof must be
    /// empty and the roots equal.
    /// </summary>
    /// <param name="first">The earlier tree size.</param>
    /// <param name="second">The later tree size.</param>
    /// <param name="proof">The consistency path.</param>
    /// <param name="firstRoot">The trusted root of the earlier tree.</param>
    /// <param name="secondRoot">The trusted root of the later tree.</param>
    public static ProofVerification VerifyConsistency(
        long first, long second, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot)
    {
        if (firstRoot.Length != MerkleHash.Size || secondRoot.Length != MerkleHash.Size)
        {
            return ProofVerification.Invalid($"roots must be {MerkleHash.Size} bytes; got {firstRoot.Length} (first) and {secondRoot.Length} (second)");
        }

        if (first < 0 || second < 0)
        {
            return ProofVerification.Invalid($"tree sizes must not be negative (first {first}, second {second})");
        }

        if (first > second)
        {
            return ProofVerification.Invalid($"the first tree size {first} is larger than the second {second}");
        }

        if (proof is null)
        {
            return ProofVerification.Invalid("the proof is missing");
        }

        if (first == 0)
        {
            // Not covered by the RFC (it requires 0 < first): the empty tree is a prefix of every tree,
            // and nothing but an empty proof says so.
            if (proof.Count != 0)
            {
                return ProofVerification.Invalid($"a proof from the empty tree must be empty, but it has {proof.Count} hashes");
            }

            return firstRoot.SequenceEqual(MerkleHash.EmptyRoot)
                ? ProofVerification.Valid
                : ProofVerification.Invalid("the first root is not the root of the empty tree");
        }

        if (first == second)
        {
            if (proof.Count != 0)
            {
                return ProofVerification.Invalid($"a proof between equal sizes must be empty, but it has {proof.Count} hashes");
            }

            return firstRoot.SequenceEqual(secondRoot)
                ? ProofVerification.Valid
                : ProofVerification.Invalid($"the two roots of the tree of size {first} differ");
        }

        // RFC 9162 2.1.4.2 step 1.
        if (proof.Count == 0)
        {
            return ProofVerification.Invalid($"the proof from size {first} to size {second} is empty");
        }

        if (CheckPath(proof, 1) is { } malformed)
        {
            return ProofVerification.Invalid(malformed);
        }

        // Step 2: when first is a power of two the old root is itself a node of the path; prepend it.
        bool prepend = BitOperations.IsPow2((ulong)first);
        int length = proof.Count + (prepend ? 1 : 0);

        // Steps 3 and 4.
        ulong fn = (ulong)(first - 1);
        ulong sn = (ulong)(second - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // Step 5.
        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        ReadOnlySpan<byte> seed = prepend ? firstRoot : proof[0];
        seed.CopyTo(fr);
        seed.CopyTo(sr);

        // Step 6.
        for (int i = 1; i < length; i++)
        {
            byte[] c = proof[prepend ? i - 1 : i];
            if (sn == 0)
            {
                return ProofVerification.Invalid($"the proof has {proof.Count} hashes, more than a proof from size {first} to size {second} can have");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 7.
        if (sn != 0)
        {
            return ProofVerification.Invalid($"the proof has {proof.Count} hashes, fewer than a proof from size {first} to size {second} needs");
        }

        if (!fr.SequenceEqual(firstRoot))
        {
            return ProofVerification.Invalid($"the proof does not lead to the given root of the tree of size {first}");
        }

        return sr.SequenceEqual(secondRoot)
            ? ProofVerification.Valid
            : ProofVerification.Invalid($"the proof does not lead to the given root of the tree of size {second}");
    }

    private static string? CheckPath(IReadOnlyList<byte[]>? proof, int minimumLength)
    {
        if (proof is null)
        {
            return "the proof is missing";
        }

        if (proof.Count < minimumLength)
        {
            return $"the proof has {proof.Count} hashes, fewer than {minimumLength}";
        }

        if (proof.Count > MaxProofLength)
        {
            return $"the proof has {proof.Count} hashes; no tree of 64-bit size needs more than {MaxProofLength}";
        }

        for (int i = 0; i < proof.Count; i++)
        {
            byte[]? hash = proof[i];
            if (hash is null || hash.Length != MerkleHash.Size)
            {
                return $"proof hash {i} is {(hash is null ? "missing" : $"{hash.Length} bytes")}, not {MerkleHash.Size} bytes";
            }
        }

        return null;
    }
}
