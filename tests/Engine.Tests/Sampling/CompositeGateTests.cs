using CodeSight.Contracts.Ids;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Sampling;

public sealed class CompositeGateTests
{
    private static readonly TrailId AllA = TrailId.Parse(new string('a', 32)); // ratio 0.302
    private static readonly TrailId AllB = TrailId.Parse(new string('b', 32)); // ratio 0.609

    [Fact]
    public void FixedGatesAlwaysAndNeverAdmit()
    {
        Assert.True(AlwaysGate.Instance.Verdict(TrailId.New()));
        Assert.False(NeverGate.Instance.Verdict(TrailId.New()));
    }

    [Fact]
    public void AllOfAdmitsOnlyWhenEveryGateAdmits()
    {
        var gate = new AllOfGate(new RatioGate(0.5), AlwaysGate.Instance);

        Assert.True(gate.Verdict(AllA));
        Assert.False(gate.Verdict(AllB));
        Assert.False(new AllOfGate(new RatioGate(0.5), NeverGate.Instance).Verdict(AllA));
        Assert.True(new AllOfGate().Verdict(AllB));
    }

    [Fact]
    public void AnyOfAdmitsWhenOneGateAdmits()
    {
        var gate = new AnyOfGate(new RatioGate(0.5), NeverGate.Instance);

        Assert.True(gate.Verdict(AllA));
        Assert.False(gate.Verdict(AllB));
        Assert.False(new AnyOfGate().Verdict(AllA));
    }

    [Fact]
    public void AllOfSpendsRateTokensOnlyOnTrailsTheRatioAdmitted()
    {
        var limit = new RateLimitGate(1, 1, new ManualClock());
        var gate = new AllOfGate(new RatioGate(0.5), limit);

        Assert.False(gate.Verdict(AllB)); // refused by the ratio: the token is kept
        Assert.True(gate.Verdict(AllA));
        Assert.False(gate.Verdict(AllA)); // the token is spent now
    }

    [Fact]
    public void RejectsANullInnerGateNamingItsIndex()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new AnyOfGate(AlwaysGate.Instance, null!));

        Assert.Contains("Gate 1", error.Message);
    }
}
