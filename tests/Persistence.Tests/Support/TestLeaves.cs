using System.Text;
using CodeSight.Persistence.Merkle;

namespace CodeSight.Persistence.Tests.Support;

/// <summary>Distinct leaves for tree tests: leaf i is the hash of the payload "leaf-i".</summary>
internal static class TestLeaves
{
    public static LeafHashList Create(int count)
    {
        var leaves = new LeafHashList(count);
        for (int i = 0; i < count; i++)
        {
            leaves.AddPayload(Payload(i));
        }

        return leaves;
    }

    public static byte[] Payload(int index) => Encoding.ASCII.GetBytes($"leaf-{index}");

    public static byte[] Hash(int index) => MerkleHash.Leaf(Payload(index));
}
