using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Merkle;

public sealed class MerkleFrontierTests
{
    [Fact]
    public void RootAfterEveryAppendEqualsTheFullRecomputation()
    {
        LeafHashList leaves = TestLeaves.Create(300);
        var tree = new MerkleTree(leaves);
        var frontier = new MerkleFrontier();

        Assert.Equal(tree.RootAt(0), frontier.Root());
        for (int size = 1; size <= 300; size++)
        {
            frontier.Append(TestLeaves.Hash(size - 1));

            Assert.Equal(size, frontier.Size);
            Assert.Equal(System.Numerics.BitOperations.PopCount((uint)size), frontier.SubtreeCount);
            Assert.Equal(tree.RootAt(size), frontier.Root());
        }
    }

    [Fact]
    public void HoldsOneSubtreeRootPerSetBitOfTheSize()
    {
        LeafHashList leaves = TestLeaves.Create(6);
        MerkleFrontier frontier = MerkleFrontier.Build(leaves, 6);
        var tree = new MerkleTree(leaves);
        byte[] bytes = frontier.ToBytes();

        // 6 = 4 + 2: the root of leaves 0..3, then the root of leaves 4..5.
        Assert.Equal(1 + 8 + (2 * 32), bytes.Length);
        Assert.Equal(tree.RootAt(4), bytes[9..41]);
        Assert.Equal(MerkleHash.Node(TestLeaves.Hash(4), TestLeaves.Hash(5)), bytes[41..73]);
    }

    [Fact]
    public void SerialisedFrontierResumesWhereItStopped()
    {
        LeafHashList leaves = TestLeaves.Create(200);
        var tree = new MerkleTree(leaves);
        var random = new Random(42);
        for (int round = 0; round < 40; round++)
        {
            int cut = random.Next(0, 150);
            MerkleFrontier restored = MerkleFrontier.FromBytes(MerkleFrontier.Build(leaves, cut).ToBytes());

            Assert.Equal(cut, restored.Size);
            Assert.Equal(tree.RootAt(cut), restored.Root());

            for (int i = cut; i < cut + 50; i++)
            {
                restored.Append(TestLeaves.Hash(i));
            }

            Assert.Equal(tree.RootAt(cut + 50), restored.Root());
        }
    }

    [Fact]
    public void SerialisesTheSizeBigEndianAfterTheVersionByte()
    {
        MerkleFrontier frontier = MerkleFrontier.Build(TestLeaves.Create(3), 3);

        byte[] bytes = frontier.ToBytes();

        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 3 }, bytes[..9]);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0 }, new MerkleFrontier().ToBytes());
    }

    [Fact]
    public void RejectsSerialisedFrontiersWithTheWrongLength()
    {
        byte[] bytes = MerkleFrontier.Build(TestLeaves.Create(5), 5).ToBytes();

        var tooShort = Assert.Throws<FormatException>(() => MerkleFrontier.FromBytes(bytes[..^1]));
        Assert.Contains("5 leaves holds 2 hashes and is 73 bytes long; got 72", tooShort.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => MerkleFrontier.FromBytes([.. bytes, 0]));
        Assert.Throws<FormatException>(() => MerkleFrontier.FromBytes(bytes[..4]));
    }

    [Fact]
    public void RejectsAnUnknownFormatVersion()
    {
        byte[] bytes = new MerkleFrontier().ToBytes();
        bytes[0] = 2;

        var error = Assert.Throws<FormatException>(() => MerkleFrontier.FromBytes(bytes));

        Assert.Contains("version at byte 0 is 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsASizeAboveTheLargestTree()
    {
        byte[] bytes = [1, 0x80, 0, 0, 0, 0, 0, 0, 0, .. new byte[32]];

        Assert.Throws<FormatException>(() => MerkleFrontier.FromBytes(bytes));
    }

    [Fact]
    public void RejectsALeafHashOfTheWrongLength()
    {
        var frontier = new MerkleFrontier();

        Assert.Throws<ArgumentException>(() => frontier.Append(new byte[33]));
        Assert.Equal(0, frontier.Size);
    }
}
