using CodeSight.Contracts.Ids;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Sampling;

public sealed class RateLimitGateTests
{
    [Fact]
    public void AdmitsABurstThenRefusesUntilTheBucketRefills()
    {
        var clock = new ManualClock();
        var gate = new RateLimitGate(trailsPerSecond: 2, burst: 3, clock);

        var burst = Enumerable.Range(0, 5).Select(_ => gate.Verdict(TrailId.New())).ToList();
        clock.Advance(TimeSpan.FromMilliseconds(499));
        var tooSoon = gate.Verdict(TrailId.New());
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var refilled = gate.Verdict(TrailId.New());

        Assert.Equal([true, true, true, false, false], burst);
        Assert.False(tooSoon);
        Assert.True(refilled);
    }

    [Fact]
    public void NeverHoldsMoreThanTheBurstAfterALongIdle()
    {
        var clock = new ManualClock();
        var gate = new RateLimitGate(10, 2, clock);
        clock.Advance(TimeSpan.FromHours(1));

        var admitted = Enumerable.Range(0, 10).Count(_ => gate.Verdict(TrailId.New()));

        Assert.Equal(2, admitted);
    }

    [Fact]
    public void AdmitsExactlyTheBurstUnderContention()
    {
        var clock = new ManualClock();
        var gate = new RateLimitGate(1, 1000, clock);
        var admitted = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (gate.Verdict(default))
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        });

        Assert.Equal(1000, admitted);
    }

    [Theory]
    [InlineData(0.0, 1.0, "trailsPerSecond")]
    [InlineData(double.NaN, 1.0, "trailsPerSecond")]
    [InlineData(1.0, 0.5, "burst")]
    [InlineData(1.0, double.PositiveInfinity, "burst")]
    public void RejectsARateOrBurstOutOfRangeNamingIt(double rate, double burst, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimitGate(rate, burst));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void DecidesWithoutAllocating()
    {
        var gate = new RateLimitGate(1e6, 10);
        gate.Verdict(default);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            gate.Verdict(default);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
