using Xunit;
namespace CodeSight.TestKit.Tests.Expectations;

public sealed class ReceiveTests : TestKit
{
    public ReceiveTests() : base("codesight.test.single-expect-default = 300ms") { }

    [Fact]
    public void ReceiveNReturnsTheNextMessagesInOrder()
    {
        TestActor.Tell("a", null);
        TestActor.Tell(1, null);
        TestActor.Tell("b", null);
        Assert.Equal(new object[] { "a", 1, "b" }, ReceiveN(3));
    }

    [Fact]
    public void ReceiveNFailsSayingHowManyArrived()
    {
        TestActor.Tell("a", null);
        var e = Assert.Throws<TestKitAssertionException>(() => ReceiveN(2, TimeSpan.FromMilliseconds(50)));
        Assert.Contains("expected 2 messages within 50 ms, but only 1 arrived: String \"a\"", e.Message);
    }

    [Fact]
    public void ReceiveWhileStopsAtTheFirstMessageThatDoesNotMatchAndLeavesIt()
    {
        foreach (var n in new[] { 1, 2, 3, 10, 4 }) TestActor.Tell(n, null);
        var taken = ReceiveWhile<int>(n => n < 5, TimeSpan.FromMilliseconds(200));
        Assert.Equal(new[] { 1, 2, 3 }, taken);
        ExpectMsg(10);
        ExpectMsg(4);
    }

    [Fact]
    public void ReceiveWhileStopsAtAMessageOfAnotherType()
    {
        TestActor.Tell(1, null);
        TestActor.Tell("stop", null);
        Assert.Equal(new[] { 1 }, ReceiveWhile<int>(max: TimeSpan.FromMilliseconds(200)));
        ExpectMsg("stop");
    }

    [Fact]
    public void ReceiveWhileStopsAfterMaxMessages()
    {
        for (var i = 0; i < 5; i++) TestActor.Tell(i, null);
        Assert.Equal(new[] { 0, 1 }, ReceiveWhile<int>(maxMessages: 2));
        ExpectMsg(2);
    }

    [Fact]
    public void ReceiveWhileStopsWhenIdle()
    {
        TestActor.Tell(1, null);
        var taken = Within(TimeSpan.FromSeconds(2), () => ReceiveWhile<int>(max: TimeSpan.FromSeconds(10), idle: TimeSpan.FromMilliseconds(50)));
        Assert.Equal(new[] { 1 }, taken);
    }

    [Fact]
    public void FishForMessageSkipsUntilTheTarget()
    {
        foreach (var m in new object[] { "noise", 1, "target", "after" }) TestActor.Tell(m, null);
        Assert.Equal("target", FishForMessage(m => m is "target"));
        ExpectMsg("after");
    }

    [Fact]
    public void TypedFishForMessageIgnoresOtherTypes()
    {
        foreach (var m in new object[] { "5", 3, 5 }) TestActor.Tell(m, null);
        Assert.Equal(5, FishForMessage<int>(n => n == 5));
    }

    [Fact]
    public void FishForMessageFailsListingWhatItSkipped()
    {
        TestActor.Tell("noise", null);
        TestActor.Tell(2, null);
        var e = Assert.Throws<TestKitAssertionException>(() => FishForMessage(m => m is "target", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("skipped 2: String \"noise\", Int32 2.", e.Message);
    }

    [Fact]
    public void FishForMessageFailsSayingNothingArrived()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => FishForMessage(_ => true, TimeSpan.FromMilliseconds(30)));
        Assert.Contains("(no message at all)", e.Message);
    }
}
