using Xunit;
using System.Diagnostics;

namespace CodeSight.TestKit.Tests.Expectations;

public sealed class TimingTests : TestKit
{
    public TimingTests() : base("codesight.test.single-expect-default = 3s") { }

    [Fact]
    public void NestedExpectationsUseTheTimeLeftInWithin()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<int>()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the expectation waited {clock.Elapsed}, not the 200 ms left");
        Assert.Contains("no message arrived", e.Message);
    }

    [Fact]
    public void AnExplicitTimeoutInsideWithinIsCappedByTheTimeLeft()
    {
        var clock = Stopwatch.StartNew();
        Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(150), () => ExpectMsg<int>(TimeSpan.FromSeconds(5))));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void ExpectationsOnOtherProbesOfTheKitAlsoUseTheTimeLeft()
    {
        var probe = CreateTestProbe();
        var clock = Stopwatch.StartNew();
        Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(150), () => probe.ExpectMsg<int>()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void WithinReturnsTheResultOfTheBlock()
    {
        TestActor.Tell(5, null);
        Assert.Equal(5, Within(TimeSpan.FromSeconds(1), () => ExpectMsg<int>()));
    }

    [Fact]
    public void WithinFailsWhenTheBlockFinishesBeforeTheMinimum()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), () => { }));
        Assert.Contains("earlier than the minimum of 1000 ms", e.Message);
    }

    [Fact]
    public void WithinFailsWhenTheBlockTakesLongerThanTheMaximum()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(50), () => ExpectNoMsg(TimeSpan.FromMilliseconds(200))));
        Assert.Contains("longer than the maximum of 50 ms", e.Message);
    }

    [Fact]
    public void WithinPassesWhenTheBlockTakesBetweenMinimumAndMaximum()
    {
        Within(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), () => ExpectNoMsg(TimeSpan.FromMilliseconds(80)));
    }

    [Fact]
    public void AwaitAssertRetriesUntilTheAssertionPasses()
    {
        var calls = 0;
        AwaitAssert(() => Assert.True(++calls >= 3), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10));
        Assert.Equal(3, calls);
    }

    [Fact]
    public void AwaitAssertFailsWithTheLastAssertionAsInnerException()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => AwaitAssert(() => Assert.Equal(1, 2), TimeSpan.FromMilliseconds(60), TimeSpan.FromMilliseconds(10)));
        Assert.Contains("still failed after", e.Message);
        Assert.IsType<Xunit.Sdk.EqualException>(e.InnerException);
    }

    [Fact]
    public void AwaitConditionWaitsUntilTheConditionHolds()
    {
        var calls = 0;
        AwaitCondition(() => ++calls == 4, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10));
        Assert.Equal(4, calls);
    }

    [Fact]
    public void AwaitConditionFailsWithTheGivenMessage()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10), "the cache never filled"));
        Assert.Contains("still false after", e.Message);
        Assert.EndsWith("the cache never filled", e.Message);
    }

    [Fact]
    public void DilatedIsTheIdentityWithTheDefaultTimeFactor()
    {
        Assert.Equal(1.0, Settings.TimeFactor);
        Assert.Equal(TimeSpan.FromMilliseconds(250), Dilated(TimeSpan.FromMilliseconds(250)));
    }
}

public sealed class TimeFactorTests : TestKit
{
    public TimeFactorTests() : base("codesight.test { timefactor = 2.5, single-expect-default = 40ms }") { }

    [Fact]
    public void DilatedScalesByTheTimeFactor()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Dilated(TimeSpan.FromSeconds(2)));
        Assert.Equal(Timeout.InfiniteTimeSpan, Dilated(Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void DefaultTimeoutsAreDilated()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>());
        Assert.Contains("within 100 ms", e.Message);
    }

    [Fact]
    public void ExplicitTimeoutsAreDilated()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(TimeSpan.FromMilliseconds(20)));
        Assert.Contains("within 50 ms", e.Message);
    }
}
