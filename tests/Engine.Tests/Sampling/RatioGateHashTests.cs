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

    [Fact]
    public void FourIdsHashedAtOnceMatchFnv1aOverEachText()
    {
        var hashes = new uint[4];
        for (var i = 0; i < 250; i++)
        {
            TrailId a = TrailId.New(), b = TrailId.New(), c = TrailId.New(), d = TrailId.New();
            TrailIdHash.Of4(a, b, c, d, hashes);
            Assert.Equal([ReferenceHash(a.ToString()), ReferenceHash(b.ToString()), ReferenceHash(c.ToString()), ReferenceHash(d.ToString())], hashes);
        }
    }

    [Fact]
    public void MintedIdsComeWithTheirOwnHashAndNeverRepeat()
    {
        var seen = new HashSet<TrailId>();
        for (var i = 0; i < 1000; i++)
        {
            var id = MintedTrailIds.Next(out var hash);
            Assert.False(id.IsEmpty);
            Assert.True(seen.Add(id), $"id {id} was handed out twice");
            Assert.Equal(ReferenceHash(id.ToString()), hash);
        }
    }

    [Fact]
    public void GatesGiveTheSameVerdictFromAKnownHashAsFromTheId()
    {
        ISamplingGate[] gates =
        [
            new RatioGate(0.3), AlwaysGate.Instance, NeverGate.Instance,
            new AllOfGate(new RatioGate(0.5), new RatioGate(0.2)), new AnyOfGate(NeverGate.Instance, new RatioGate(0.4)),
        ];
        foreach (var gate in gates)
        {
            for (var i = 0; i < 500; i++)
            {
                var id = MintedTrailIds.Next(out var hash);
                Assert.Equal(gate.Verdict(id), ((IHashedGate)gate).Verdict(id, hash));
            }
        }
    }
}
