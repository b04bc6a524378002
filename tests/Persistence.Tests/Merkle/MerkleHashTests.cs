using System.Security.Cryptography;
using CodeSight.Persistence.Merkle;
using Xunit;

namespace CodeSight.Persistence.Tests.Merkle;

public sealed class MerkleHashTests
{
    [Fact]
    public void EmptyRootIsTheSha256OfTheEmptyString()
    {
        Assert.Equal(SHA256.HashData(ReadOnlySpan<byte>.Empty), MerkleHash.EmptyRoot.ToArray());
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleHash.EmptyRoot));
    }

    [Fact]
    public void LeafOfTheEmptyPayloadIsTheHashOfTheSingleByteZero()
    {
        // printf '\x00' | sha256sum
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(MerkleHash.Leaf([])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(5000)]
    public void LeafHashesTheZeroPrefixFollowedByThePayload(int length)
    {
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);
        byte[] prefixed = [0x00, .. payload];

        Assert.Equal(SHA256.HashData(prefixed), MerkleHash.Leaf(payload));
    }

    [Fact]
    public void LeavesAndNodesHashedOnSeveralThreadsAtOnceMatchOneShotSha256()
    {
        // Each thread reuses its own digest context: no hash may see another's input or a previous hash's state.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var random = new Random(worker);
            for (int i = 0; i < 2000; i++)
            {
                byte[] payload = new byte[random.Next(0, 3000)];
                random.NextBytes(payload);
                byte[] leaf = MerkleHash.Leaf(payload);
                Assert.Equal(SHA256.HashData([0x00, .. payload]), leaf);
                Assert.Equal(SHA256.HashData([0x01, .. leaf, .. leaf]), MerkleHash.Node(leaf, leaf));
            }
        });
    }

    [Fact]
    public void NodeHashesTheOnePrefixFollowedByBothChildren()
    {
        byte[] left = SHA256.HashData("left"u8);
        byte[] right = SHA256.HashData("right"u8);
        byte[] prefixed = [0x01, .. left, .. right];

        Assert.Equal(SHA256.HashData(prefixed), MerkleHash.Node(left, right));
        Assert.NotEqual(MerkleHash.Node(left, right), MerkleHash.Node(right, left));
    }

    [Fact]
    public void NodeMayWriteOverItsOwnInput()
    {
        byte[] left = SHA256.HashData("a"u8);
        byte[] right = SHA256.HashData("b"u8);
        byte[] expected = MerkleHash.Node(left, right);

        MerkleHash.Node(left, right, left);

        Assert.Equal(expected, left);
    }

    [Fact]
    public void NodeRefusesChildrenThatAreNotThirtyTwoBytes()
    {
        var error = Assert.Throws<ArgumentException>(() => MerkleHash.Node(new byte[31], new byte[32]));

        Assert.Contains("31 (left)", error.Message, StringComparison.Ordinal);
    }
}
