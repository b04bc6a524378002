using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Merkle;

/// <summary>
/// Seeded random sweeps: every honest proof verifies, and every single mutation of a proof, its index,
/// its sizes or its roots is rejected without an exception.
/// </summary>
public sealed class MerkleProofPropertyTests
{
    private const int MaxLeaves = 300;

    private static readonly LeafHashList _leaves = TestLeaves.Create(MaxLeaves);
    private static readonly MerkleTree _tree = new(_leaves);
    private static readonly byte[][] _roots = Enumerable.Range(0, MaxLeaves + 1).Select(size => _tree.RootAt(size)).ToArray();

    [Fact]
    public void EveryInclusionProofInSmallTreesVerifies()
    {
        for (int size = 1; size <= 48; size++)
        {
            for (int index = 0; index < size; index++)
            {
                IReadOnlyList<byte[]> proof = _tree.InclusionProof(index, size);
                ProofVerification result = MerkleProofVerifier.VerifyInclusion(TestLeaves.Hash(index), index, size, proof, _roots[size]);
                Assert.True(result.IsValid, $"leaf {index} of {size}: {result.Reason}");
            }
        }
    }

    [Fact]
    public void InclusionProofsOfRandomLeavesVerifyAndEveryMutationFails()
    {
        var random = new Random(9162);
        for (int round = 0; round < 250; round++)
        {
            int size = random.Next(1, MaxLeaves + 1);
            int index = random.Next(size);
            byte[] leaf = TestLeaves.Hash(index);
            List<byte[]> proof = [.. _tree.InclusionProof(index, size)];
            byte[] root = _roots[size];

            Assert.True(MerkleProofVerifier.VerifyInclusion(leaf, index, size, proof, root).IsValid, $"leaf {index} of {size}");

            foreach ((string mutation, ProofVerification result) in InclusionMutations(random, leaf, index, size, proof, root))
            {
                Assert.False(result.IsValid, $"leaf {index} of {size}: {mutation} was accepted");
                Assert.False(string.IsNullOrEmpty(result.Reason));
            }
        }
    }

    [Fact]
    public void EveryConsistencyProofInSmallTreesVerifies()
    {
        for (int second = 0; second <= 40; second++)
        {
            for (int first = 0; first <= second; first++)
            {
                IReadOnlyList<byte[]> proof = _tree.ConsistencyProof(first, second);
                ProofVerification result = MerkleProofVerifier.VerifyConsistency(first, second, proof, _roots[first], _roots[second]);
                Assert.True(result.IsValid, $"{first} -> {second}: {result.Reason}");
            }
        }
    }

    [Fact]
    public void ConsistencyProofsOfRandomSizesVerifyAndEveryMutationFails()
    {
        var random = new Random(6962);
        for (int round = 0; round < 250; round++)
        {
            int second = random.Next(2, MaxLeaves + 1);
            int first = random.Next(1, second);
            List<byte[]> proof = [.. _tree.ConsistencyProof(first, second)];

            Assert.True(MerkleProofVerifier.VerifyConsistency(first, second, proof, _roots[first], _roots[second]).IsValid, $"{first} -> {second}");

            foreach ((string mutation, ProofVerification result) in ConsistencyMutations(random, first, second, proof))
            {
                Assert.False(result.IsValid, $"{first} -> {second}: {mutation} was accepted");
                Assert.False(string.IsNullOrEmpty(result.Reason));
            }
        }
    }

    [Fact]
    public void RandomGarbageNeverThrowsAndNeverVerifies()
    {
        var random = new Random(2024);
        for (int round = 0; round < 2000; round++)
        {
            var proof = new List<byte[]>();
            int length = random.Next(0, 80);
            for (int i = 0; i < length; i++)
            {
                var hash = new byte[random.Next(10) == 0 ? random.Next(0, 40) : 32];
                random.NextBytes(hash);
                proof.Add(hash);
            }

            long size = random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-2, 400);
            long index = random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-2, 400);
            long first = random.Next(3) == 0 ? long.MaxValue : random.Next(-2, 400);
            var root = new byte[32];
            random.NextBytes(root);

            Assert.False(MerkleProofVerifier.VerifyInclusion(TestLeaves.Hash(0), index, size, proof, root).IsValid);
            Assert.False(MerkleProofVerifier.VerifyConsistency(first, size, proof, root, _roots[MaxLeaves]).IsValid);
        }
    }

    [Fact]
    public void RejectsMissingProofsAndMisSizedInputs()
    {
        byte[] leaf = TestLeaves.Hash(0);
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 0, 4, null, _roots[4]).IsValid);
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 0, 4, [null!, new byte[32]], _roots[4]).IsValid);
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf.AsSpan(1), 0, 1, [], _roots[1]).IsValid);
        Assert.False(MerkleProofVerifier.VerifyInclusion(leaf, 0, 1, [], _roots[1].AsSpan(0, 31)).IsValid);
        Assert.False(MerkleProofVerifier.VerifyConsistency(1, 4, null, _roots[1], _roots[4]).IsValid);
        Assert.False(MerkleProofVerifier.VerifyConsistency(1, 4, [.. _tree.ConsistencyProof(1, 4)], _roots[1].AsSpan(1), _roots[4]).IsValid);
    }

    [Fact]
    public void TheEmptyTreeIsConsistentWithEveryTreeOnlyThroughAnEmptyProof()
    {
        Assert.True(MerkleProofVerifier.VerifyConsistency(0, 9, [], MerkleHash.EmptyRoot, _roots[9]).IsValid);
        Assert.True(MerkleProofVerifier.VerifyConsistency(0, 0, [], MerkleHash.EmptyRoot, MerkleHash.EmptyRoot).IsValid);

        ProofVerification padded = MerkleProofVerifier.VerifyConsistency(0, 9, [_roots[9]], MerkleHash.EmptyRoot, _roots[9]);
        Assert.False(padded.IsValid);
        Assert.Contains("empty tree", padded.Reason, StringComparison.Ordinal);
        Assert.False(MerkleProofVerifier.VerifyConsistency(0, 9, [], _roots[1], _roots[9]).IsValid);
    }

    [Fact]
    public void EqualSizesNeedEqualRootsAndAnEmptyProof()
    {
        Assert.True(MerkleProofVerifier.VerifyConsistency(5, 5, [], _roots[5], _roots[5]).IsValid);
        Assert.False(MerkleProofVerifier.VerifyConsistency(5, 5, [], _roots[5], _roots[6]).IsValid);
        Assert.False(MerkleProofVerifier.VerifyConsistency(5, 5, [_roots[5]], _roots[5], _roots[5]).IsValid);
    }

    [Fact]
    public void ExplainsWhyAnIndexOutsideTheTreeFails()
    {
        ProofVerification result = MerkleProofVerifier.VerifyInclusion(TestLeaves.Hash(0), 4, 4, [.. _tree.InclusionProof(0, 4)], _roots[4]);

        Assert.False(result.IsValid);
        Assert.Contains("outside the tree of size 4", result.Reason, StringComparison.Ordinal);
        Assert.False(result);
    }

    [Fact]
    public void ProofsFromALargeTreeWithCachedSubtreesAgreeWithAFreshTree()
    {
        LeafHashList leaves = TestLeaves.Create(5000);
        var warm = new MerkleTree(leaves);
        var frontier = new MerkleFrontier();
        var random = new Random(5000);
        int appended = 0;
        for (int round = 0; round < 60; round++)
        {
            int size = random.Next(appended + 1, 5001);
            for (; appended < size; appended++)
            {
                frontier.Append(TestLeaves.Hash(appended));
            }

            byte[] root = warm.RootAt(size);
            Assert.Equal(frontier.Root(), root);

            int index = random.Next(size);
            IReadOnlyList<byte[]> proof = warm.InclusionProof(index, size);
            Assert.Equal(new MerkleTree(leaves).InclusionProof(index, size), proof);
            Assert.True(MerkleProofVerifier.VerifyInclusion(TestLeaves.Hash(index), index, size, [.. proof], root).IsValid);

            int first = random.Next(0, size + 1);
            Assert.True(MerkleProofVerifier.VerifyConsistency(first, size, [.. warm.ConsistencyProof(first, size)], warm.RootAt(first), root).IsValid);
            if (appended == 5000)
            {
                break;
            }
        }
    }

    private static IEnumerable<(string, ProofVerification)> InclusionMutations(
        Random random, byte[] leaf, int index, int size, List<byte[]> proof, byte[] root)
    {
        for (int i = 0; i < proof.Count; i++)
        {
            List<byte[]> flipped = Copy(proof);
            flipped[i][random.Next(32)] ^= (byte)(1 << random.Next(8));
            yield return ($"flipping a bit of hash {i}", MerkleProofVerifier.VerifyInclusion(leaf, index, size, flipped, root));

            List<byte[]> shortHash = Copy(proof);
            shortHash[i] = shortHash[i][..31];
            yield return ($"shortening hash {i}", MerkleProofVerifier.VerifyInclusion(leaf, index, size, shortHash, root));
        }

        if (proof.Count > 0)
        {
            yield return ("dropping the last hash", MerkleProofVerifier.VerifyInclusion(leaf, index, size, proof[..^1], root));
            yield return ("dropping the first hash", MerkleProofVerifier.VerifyInclusion(leaf, index, size, proof[1..], root));
            List<byte[]> swapped = Copy(proof);
            if (proof.Count > 1)
            {
                (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
                yield return ("swapping two hashes", MerkleProofVerifier.VerifyInclusion(leaf, index, size, swapped, root));
            }
        }

        yield return ("appending a hash", MerkleProofVerifier.VerifyInclusion(leaf, index, size, [.. proof, root], root));
        yield return ("prepending a hash", MerkleProofVerifier.VerifyInclusion(leaf, index, size, [leaf, .. proof], root));

        byte[] otherLeaf = (byte[])leaf.Clone();
        otherLeaf[random.Next(32)] ^= 0x80;
        yield return ("changing the leaf", MerkleProofVerifier.VerifyInclusion(otherLeaf, index, size, proof, root));
        yield return ("claiming the next index", MerkleProofVerifier.VerifyInclusion(leaf, index + 1, size, proof, root));
        yield return ("claiming the previous index", MerkleProofVerifier.VerifyInclusion(leaf, index - 1, size, proof, root));
        yield return ("claiming index = size", MerkleProofVerifier.VerifyInclusion(leaf, size, size, proof, root));
        if (size < MaxLeaves)
        {
            yield return ("claiming the next size", MerkleProofVerifier.VerifyInclusion(leaf, index, size + 1, proof, _roots[size + 1]));
        }

        if (index < size - 1)
        {
            yield return ("claiming the previous size", MerkleProofVerifier.VerifyInclusion(leaf, index, size - 1, proof, _roots[size - 1]));
        }

        byte[] otherRoot = (byte[])root.Clone();
        otherRoot[random.Next(32)] ^= 0x01;
        yield return ("changing the root", MerkleProofVerifier.VerifyInclusion(leaf, index, size, proof, otherRoot));
    }

    private static IEnumerable<(string, ProofVerification)> ConsistencyMutations(Random random, int first, int second, List<byte[]> proof)
    {
        byte[] firstRoot = _roots[first];
        byte[] secondRoot = _roots[second];
        for (int i = 0; i < proof.Count; i++)
        {
            List<byte[]> flipped = Copy(proof);
            flipped[i][random.Next(32)] ^= (byte)(1 << random.Next(8));
            yield return ($"flipping a bit of hash {i}", MerkleProofVerifier.VerifyConsistency(first, second, flipped, firstRoot, secondRoot));

            List<byte[]> longHash = Copy(proof);
            longHash[i] = [.. longHash[i], 0];
            yield return ($"lengthening hash {i}", MerkleProofVerifier.VerifyConsistency(first, second, longHash, firstRoot, secondRoot));
        }

        yield return ("dropping the last hash", MerkleProofVerifier.VerifyConsistency(first, second, proof[..^1], firstRoot, secondRoot));
        yield return ("dropping the first hash", MerkleProofVerifier.VerifyConsistency(first, second, proof[1..], firstRoot, secondRoot));
        yield return ("appending a hash", MerkleProofVerifier.VerifyConsistency(first, second, [.. proof, secondRoot], firstRoot, secondRoot));
        yield return ("prepending the first root", MerkleProofVerifier.VerifyConsistency(first, second, [firstRoot, .. proof], firstRoot, secondRoot));
        yield return ("an empty proof", MerkleProofVerifier.VerifyConsistency(first, second, [], firstRoot, secondRoot));
        yield return ("swapping the roots", MerkleProofVerifier.VerifyConsistency(first, second, proof, secondRoot, firstRoot));
        yield return ("swapping the sizes", MerkleProofVerifier.VerifyConsistency(second, first, proof, secondRoot, firstRoot));
        yield return ("first size plus one", MerkleProofVerifier.VerifyConsistency(first + 1, second, proof, _roots[first + 1], secondRoot));
        yield return ("first size minus one", MerkleProofVerifier.VerifyConsistency(first - 1, second, proof, _roots[first - 1], secondRoot));
        if (second < MaxLeaves)
        {
            yield return ("second size plus one", MerkleProofVerifier.VerifyConsistency(first, second + 1, proof, firstRoot, _roots[second + 1]));
        }

        yield return ("second size minus one", MerkleProofVerifier.VerifyConsistency(first, second - 1, proof, firstRoot, _roots[second - 1]));
        yield return ("the first root of another size", MerkleProofVerifier.VerifyConsistency(first, second, proof, _roots[first == 1 ? 2 : first - 1], secondRoot));
        yield return ("the empty first size", MerkleProofVerifier.VerifyConsistency(0, second, proof, MerkleHash.EmptyRoot, secondRoot));
    }

    private static List<byte[]> Copy(List<byte[]> proof) => proof.Select(hash => (byte[])hash.Clone()).ToList();
}
