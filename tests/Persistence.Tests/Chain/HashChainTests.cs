using System.Security.Cryptography;
using System.Text;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Chain;

public sealed class HashChainTests
{
    [Fact]
    public void GenesisIsTheSha256OfTheAsciiSeed()
    {
        // printf 'CODE_SIGHT_GENESIS_BLOCK' | sha256sum
        Assert.Equal("c05cfaa0ebe1d8d27573392d0463baa0dcc73032ceba118d9c271b7de73663af", Convert.ToHexStringLower(HashChain.Genesis));
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes("CODE_SIGHT_GENESIS_BLOCK")), HashChain.Genesis.ToArray());
    }

    [Fact]
    public void NextHashesThePreviousLinkFollowedByTheLeafHash()
    {
        byte[] leaf = TestLeaves.Hash(0);
        byte[] concatenated = [.. HashChain.Genesis, .. leaf];

        Assert.Equal(SHA256.HashData(concatenated), HashChain.Next(HashChain.Genesis, leaf));
    }

    [Fact]
    public void ChangingOneEntryChangesEveryLaterLinkButNoEarlierOne()
    {
        byte[][] original = Links(Enumerable.Range(0, 10).Select(TestLeaves.Hash).ToArray());
        byte[][] tamperedLeaves = Enumerable.Range(0, 10).Select(TestLeaves.Hash).ToArray();
        tamperedLeaves[4][0] ^= 1;
        byte[][] tampered = Links(tamperedLeaves);

        for (int i = 0; i < 10; i++)
        {
            if (i < 4)
            {
                Assert.Equal(original[i], tampered[i]);
            }
            else
            {
                Assert.NotEqual(original[i], tampered[i]);
            }
        }
    }

    [Fact]
    public void NextMayWriteOverThePreviousLink()
    {
        byte[] link = HashChain.Genesis.ToArray();
        byte[] leaf = TestLeaves.Hash(1);
        byte[] expected = HashChain.Next(link, leaf);

        HashChain.Next(link, leaf, link);

        Assert.Equal(expected, link);
    }

    [Fact]
    public void RefusesInputsThatAreNotThirtyTwoBytes()
    {
        var error = Assert.Throws<ArgumentException>(() => HashChain.Next(HashChain.Genesis, new byte[16]));

        Assert.Contains("16 (leaf hash)", error.Message, StringComparison.Ordinal);
    }

    private static byte[][] Links(byte[][] leaves)
    {
        var links = new byte[leaves.Length][];
        ReadOnlySpan<byte> previous = HashChain.Genesis;
        for (int i = 0; i < leaves.Length; i++)
        {
            links[i] = HashChain.Next(previous, leaves[i]);
            previous = links[i];
        }

        return links;
    }
}
