using System.Text;
using CodeSight.Contracts.Ids;
using CodeSight.Engine.Sampling;

namespace CodeSight.Engine.Tests.Sampling;

/// <summary>The gate hashes the id's digits without formatting them; it must agree with FNV-1a over the text itself.</summary>
public sealed class RatioGateHashTests
{
    private static uint ReferenceHash(string text)
    {
        var hash = 0x811c9dc5u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x01000193u;
        }
        return hash;
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("ffffffffffffffffffffffffffffffff")]
    [InlineData("00000000000000000000000000000001")]
    [InlineData("9a9a9a9a9a9a9a9a0909090909090909")]
    public void MatchesFnv1aOverTheHexTextForEdgeDigits(string text) =>
        Assert.Equal(ReferenceHash(text), RatioGate.Hash(TrailId.Parse(text)));

    [Fact]
    public void MatchesFnv1aOverTheHexTextForRandomIds()
    {
        for (var i = 0; i < 1000; i++)
        {
            var id = TrailId.New();
            Assert.Equal(ReferenceHash(id.ToString()), RatioGate.Hash(id));
        }
    }
}
