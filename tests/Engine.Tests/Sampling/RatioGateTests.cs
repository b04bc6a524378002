using CodeSight.Contracts.Ids;
using CodeSight.Engine.Sampling;

namespace CodeSight.Engine.Tests.Sampling;

public sealed class RatioGateTests
{
    private static readonly TrailId AllA = TrailId.Parse(new string('a', 32));
    private static readonly TrailId AllB = TrailId.Parse(new string('b', 32));

    [Fact]
    public void HashesTheDocumentedFixturesBitForBit()
    {
        Assert.Equal(1297108005u, RatioGate.Hash(AllA));
        Assert.Equal(2615884229u, RatioGate.Hash(AllB));
    }

    // a: 1297108005 / 2^32 = 0.30200..., b: 2615884229 / 2^32 = 0.60906...
    [Theory]
    [InlineData(0.30, false, false)]
    [InlineData(0.302, false, false)]
    [InlineData(0.303, true, false)]
    [InlineData(0.609, true, false)]
    [InlineData(0.61, true, true)]
    public void AdmitsIffTheHashFractionIsBelowTheRatio(double fraction, bool admitsA, bool admitsB)
    {
        var gate = new RatioGate(fraction);

        Assert.Equal(admitsA, gate.Verdict(AllA));
        Assert.Equal(admitsB, gate.Verdict(AllB));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NegativeInfinity)]
    public void AdmitsNothingForNaNOrANonPositiveFraction(double fraction)
    {
        var gate = new RatioGate(fraction);

        Assert.False(gate.Verdict(AllA));
        Assert.False(gate.Verdict(AllB));
        Assert.All(Enumerable.Range(0, 500), _ => Assert.False(gate.Verdict(TrailId.New())));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(7.0)]
    [InlineData(double.PositiveInfinity)]
    public void AdmitsEverythingForAFractionOfOneOrMore(double fraction)
    {
        var gate = new RatioGate(fraction);

        Assert.All(Enumerable.Range(0, 500), _ => Assert.True(gate.Verdict(TrailId.New())));
    }

    [Fact]
    public void AdmitsRoughlyTheRequestedShare()
    {
        var gate = new RatioGate(0.25);

        var admitted = Enumerable.Range(0, 20_000).Count(_ => gate.Verdict(TrailId.New()));

        Assert.InRange(admitted, 4_500, 5_500);
    }

    [Fact]
    public void GivesTheSameVerdictForTheSameIdEveryTime()
    {
        var gate = new RatioGate(0.5);
        var ids = Enumerable.Range(0, 100).Select(_ => TrailId.New()).ToList();

        var first = ids.Select(gate.Verdict).ToList();
        var second = ids.Select(new RatioGate(0.5).Verdict).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void DecidesWithoutAllocating()
    {
        var gate = new RatioGate(0.5);
        var id = TrailId.New();
        gate.Verdict(id);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            gate.Verdict(id);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
