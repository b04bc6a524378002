using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Merkle;

/// <summary>
/// Roots and proofs computed by hand from the RFC 9162 definitions, for the seven-leaf tree drawn in the RFC:
/// leaves a..f and d6, g = (a,b), h = (c,d), i = (e,f), j = d6, k = (g,h), l = (i,j), root = (k,l).
/// </summary>
public sealed class MerkleTreeKnownAnswerTests
{
    private readonly MerkleTree _tree = new(TestLeaves.Create(7));
    private readonly byte[] _a = TestLeaves.Hash(0);
    private readonly byte[] _b = TestLeaves.Hash(1);
    private readonly byte[] _c = TestLeaves.Hash(2);
    private readonly byte[] _d = TestLeaves.Hash(3);
    private readonly byte[] _e = TestLeaves.Hash(4);
    private readonly byte[] _f = TestLeaves.Hash(5);
    private readonly byte[] _j = TestLeaves.Hash(6);

    private byte[] G => MerkleHash.Node(_a, _b);

    private byte[] H => MerkleHash.Node(_c, _d);

    private byte[] I => MerkleHash.Node(_e, _f);

    private byte[] K => MerkleHash.Node(G, H);

    private byte[] L => MerkleHash.Node(I, _j);

    [Fact]
    public void RootsOfEveryPrefixFollowTheDefinition()
    {
        Assert.Equal(MerkleHash.EmptyRoot.ToArray(), _tree.RootAt(0));
        Assert.Equal(_a, _tree.RootAt(1));
        Assert.Equal(G, _tree.RootAt(2));
        Assert.Equal(MerkleHash.Node(G, _c), _tree.RootAt(3));
        Assert.Equal(K, _tree.RootAt(4));
        Assert.Equal(MerkleHash.Node(K, _e), _tree.RootAt(5));
        Assert.Equal(MerkleHash.Node(K, I), _tree.RootAt(6));
        Assert.Equal(MerkleHash.Node(K, L), _tree.RootAt(7));
        Assert.Equal(_tree.RootAt(7), _tree.Root());
    }

    [Fact]
    public void InclusionProofsAreTheSiblingsFromLeafToRoot()
    {
        Assert.Equal(new[] { _b, H, L }, _tree.InclusionProof(0, 7));
        Assert.Equal(new[] { _c, G, L }, _tree.InclusionProof(3, 7));
        Assert.Equal(new[] { _f, _j, K }, _tree.InclusionProof(4, 7));
        Assert.Equal(new[] { I, K }, _tree.InclusionProof(6, 7));
        Assert.Empty(_tree.InclusionProof(0, 1));
        Assert.Equal(new[] { G }, _tree.InclusionProof(2, 3));
    }

    [Fact]
    public void ConsistencyProofsMatchTheRfcExample()
    {
        // RFC 6962 2.1.3: PROOF(3, D[7]) = [c, d, g, l].
        Assert.Equal(new[] { _c, _d, G, L }, _tree.ConsistencyProof(3, 7));
        Assert.Equal(new[] { L }, _tree.ConsistencyProof(4, 7));
        Assert.Equal(new[] { I, _j, K }, _tree.ConsistencyProof(6, 7));
        Assert.Equal(new[] { _b }, _tree.ConsistencyProof(1, 2));
        Assert.Empty(_tree.ConsistencyProof(0, 7));
        Assert.Empty(_tree.ConsistencyProof(7, 7));
    }

    [Fact]
    public void TheHandMadeProofsVerify()
    {
        byte[] root = _tree.RootAt(7);

        Assert.True(MerkleProofVerifier.VerifyInclusion(_d, 3, 7, [_c, G, L], root).IsValid);
        Assert.True(MerkleProofVerifier.VerifyConsistency(3, 7, [_c, _d, G, L], _tree.RootAt(3), root).IsValid);
    }

    [Fact]
    public void RefusesToProveOutsideTheTree()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _tree.RootAt(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => _tree.InclusionProof(7, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => _tree.InclusionProof(-1, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => _tree.ConsistencyProof(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => _tree.ConsistencyProof(1, 8));
    }
}
