using System.Text;
using CodeSight.Persistence.Canonical;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Merkle;
using Xunit;

namespace CodeSight.Persistence.Tests.Merkle;

/// <summary>The worked example printed in docs/ledger.md, so that the document cannot drift from the code.</summary>
public sealed class LedgerWorkedExampleTests
{
    [Fact]
    public void ReproducesTheHashesPrintedInTheLedgerDocument()
    {
        var leaves = new LeafHashList();
        byte[] link = HashChain.Genesis.ToArray();
        byte[]? payload2 = null;
        for (int i = 0; i < 5; i++)
        {
            var entry = new Dictionary<string, object?> { ["seq"] = i + 1, ["name"] = $"probe-{i}", ["score"] = 0.5 * i, ["kind"] = "action" };
            byte[] payload = CanonicalJson.Serialize(entry);
            payload2 = i == 2 ? payload : payload2;
            leaves.AddPayload(payload);
            HashChain.Next(link, MerkleHash.Leaf(payload), link);
        }

        var tree = new MerkleTree(leaves);
        IReadOnlyList<byte[]> proof = tree.InclusionProof(2, 5);

        Assert.Equal("{\"kind\":\"action\",\"name\":\"probe-2\",\"score\":1,\"seq\":3}", Encoding.UTF8.GetString(payload2!));
        Assert.Equal("b671867edf909ba31f26146052f77b06abe11c86d25ad0bcf8a9ef7f2583af52", Convert.ToHexStringLower(MerkleHash.Leaf(payload2!)));
        Assert.Equal("746f1de037a318e8efdb53f6f5f6e5dd374caa48f6497d0cce4afb95f452e029", Convert.ToHexStringLower(tree.Root()));
        Assert.Equal(
            new[]
            {
                "b34bec982d29da879027b26b1176f30dde6977f7f77aed2f99757afc62775ed7",
                "a10fba9769ffe69f0353005e4adc09981cc38e3593c5db73091c30ecdc7f4d86",
                "0fe2e4c1a09b8db85f750ea3f11ea1375a553256ee9ce43bd527f83d200a51c5",
            },
            proof.Select(Convert.ToHexStringLower));
        Assert.Equal("25a2c2deb1f4b608938d27dbc6de8264309027170af76b0c8c1ef777fd807563", Convert.ToHexStringLower(link));
    }
}
