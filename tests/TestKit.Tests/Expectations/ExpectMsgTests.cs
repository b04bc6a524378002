using Xunit;
using CodeSight.Actors;

namespace CodeSight.TestKit.Tests.Expectations;

public sealed class ExpectMsgTests : TestKit
{
    public ExpectMsgTests() : base("codesight.test.single-expect-default = 300ms") { }

    [Fact]
    public void ReturnsTheMessageOfTheExpectedType()
    {
        TestActor.Tell(42, null);
        Assert.Equal(42, ExpectMsg<int>());
    }

    [Fact]
    public void FailsNamingTheExpectedTypeWhenNothingArrives()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(TimeSpan.FromMilliseconds(50)));
        Assert.Contains("a message of type Int32", e.Message);
        Assert.Contains("within 50 ms", e.Message);
        Assert.Contains("no message arrived", e.Message);
    }

    [Fact]
    public void UsesTheConfiguredDefaultTimeout()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>());
        Assert.Contains("within 300 ms", e.Message);
    }

    [Fact]
    public void FailsNamingTheTypeAndValueThatArrivedInstead()
    {
        TestActor.Tell("hello", null);
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>());
        Assert.Contains("expected a message of type Int32", e.Message);
        Assert.Contains("received String \"hello\" after", e.Message);
    }

    [Fact]
    public void AcceptsAnEqualMessage()
    {
        TestActor.Tell("hello", null);
        Assert.Equal("hello", ExpectMsg("hello"));
    }

    [Fact]
    public void RejectsAMessageThatIsNotEqual()
    {
        TestActor.Tell("world", null);
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg("hello"));
        Assert.Contains("String equal to String \"hello\"", e.Message);
        Assert.Contains("received String \"world\"", e.Message);
        Assert.Contains("it is not equal", e.Message);
    }

    [Fact]
    public void AcceptsAMessageMatchingThePredicate()
    {
        TestActor.Tell(7, null);
        Assert.Equal(7, ExpectMsg<int>(n => n > 5));
    }

    [Fact]
    public void RejectsAMessageThePredicateRefuses()
    {
        TestActor.Tell(3, null);
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(n => n > 5));
        Assert.Contains("matching the predicate", e.Message);
        Assert.Contains("Int32 3", e.Message);
    }

    [Fact]
    public void RunsTheAssertionOnTheMessage()
    {
        TestActor.Tell("abc", null);
        var seen = ExpectMsg<string>(s => Assert.Equal(3, s.Length));
        Assert.Equal("abc", seen);
    }

    [Fact]
    public void KeepsTheFailedAssertionAsInnerException()
    {
        TestActor.Tell("abcd", null);
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(s => Assert.Equal(3, s.Length)));
        Assert.Contains("the assertion failed", e.Message);
        Assert.IsType<Xunit.Sdk.EqualException>(e.InnerException);
    }

    [Fact]
    public void AcceptsAnyOfSeveralMessages()
    {
        TestActor.Tell("b", null);
        Assert.Equal("b", ExpectMsgAnyOf("a", "b", "c"));
    }

    [Fact]
    public void RejectsAMessageEqualToNoneOfTheCandidates()
    {
        TestActor.Tell("z", null);
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsgAnyOf("a", "b"));
        Assert.Contains("one of [String \"a\", String \"b\"]", e.Message);
        Assert.Contains("String \"z\"", e.Message);
    }

    [Fact]
    public void ExpectNoMsgPassesWhenNothingArrives()
    {
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        TestActor.Tell("later", null);
        ExpectMsg("later");
    }

    [Fact]
    public void ExpectNoMsgFailsNamingTheMessageThatArrived()
    {
        TestActor.Tell(99L, null);
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(50)));
        Assert.Contains("expected no message for 50 ms", e.Message);
        Assert.Contains("received Int64 99", e.Message);
    }

    [Fact]
    public void MessagesAreExpectedInTheOrderTheyWereSent()
    {
        for (var i = 0; i < 100; i++) TestActor.Tell(i, null);
        for (var i = 0; i < 100; i++) ExpectMsg(i);
    }
}
