using Xunit;
using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.TestKit.Tests.Support;

namespace CodeSight.TestKit.Tests.Probes;

public sealed class ProbeTests : TestKit
{
    public ProbeTests() : base("codesight.test.single-expect-default = 1s") { }

    private sealed record Ping(int N);

    [Fact]
    public void LastSenderIsTheSenderOfTheLastMessageTaken()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        echo.Tell("hi", TestActor);
        ExpectMsg("hi");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void ReplyAnswersTheLastSender()
    {
        var probe = CreateTestProbe("asker");
        TestActor.Tell("question", probe);
        ExpectMsg("question");
        Reply("answer");
        probe.ExpectMsg("answer");
        Assert.Equal(TestActor.Ref, probe.LastSender);
    }

    [Fact]
    public void ForwardKeepsTheOriginalSender()
    {
        var original = CreateTestProbe();
        var target = CreateTestProbe();
        TestActor.Tell(new Ping(1), original);
        ExpectMsg(new Ping(1));
        Forward(target);
        target.ExpectMsg(new Ping(1));
        Assert.Equal(original.Ref, target.LastSender);
    }

    [Fact]
    public void LastSenderIsDeadLettersForAMessageWithoutSender()
    {
        TestActor.Tell(1, null);
        ExpectMsg(1);
        Assert.Equal(Sys.DeadLetters, LastSender);
    }

    [Fact]
    public void AProbeIsUsableWhereverAnActorRefIsExpected()
    {
        IActorRef asRef = CreateTestProbe("as-ref");
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        echo.Tell("round trip", asRef);
        var probe = (TestProbe)asRef;
        probe.ExpectMsg("round trip");
        Assert.Equal("/system/as-ref", asRef.Path.ToStringWithoutAddress());
        Assert.True(probe.Equals(probe.Ref));
        Assert.True(probe.Ref.Equals(probe));
        Assert.Equal(probe.Ref, asRef);
        Assert.Contains(asRef, new HashSet<IActorRef> { probe.Ref });
        Assert.Equal(probe.Ref.GetHashCode(), probe.GetHashCode());
    }

    [Fact]
    public void SendTellsWithTheProbeAsSender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        probe.Send(echo, "back");
        probe.ExpectMsg("back");
        Assert.Equal(echo, probe.LastSender);
    }

    [Fact]
    public void ProbesHaveSeparateQueues()
    {
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        a.Tell("for a", null);
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        a.ExpectMsg("for a");
    }

    [Fact]
    public void AProbeSubscribedToTheEventStreamReceivesEvents()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeadLetter));
        Sys.DeadLetters.Tell("lost", null);
        var letter = probe.ExpectMsg<DeadLetter>();
        Assert.Equal("lost", letter.Message);
    }

    [Fact]
    public void WatchDeliversTerminatedWhenTheActorStops()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        Sys.Stop(echo);
        var terminated = ExpectTerminated(echo);
        Assert.Equal(echo, terminated.ActorRef);
    }

    [Fact]
    public void WatchingADeadActorDeliversTerminatedAtOnce()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var probe = CreateTestProbe();
        probe.Watch(echo);
        echo.Tell(PoisonPill.Instance, null);
        probe.ExpectTerminated(echo);
        Watch(echo);
        ExpectTerminated(echo);
    }

    [Fact]
    public void ExpectTerminatedFailsOnTheTerminatedOfAnotherActor()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "first");
        var second = Sys.ActorOf(Props.Create<EchoActor>(), "second");
        Watch(first);
        Sys.Stop(first);
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectTerminated(second));
        Assert.Contains("expected Terminated of codesight://", e.Message);
        Assert.Contains("it is the Terminated of codesight://", e.Message);
        Assert.Contains("/user/first", e.Message);
    }

    [Fact]
    public void UnwatchDiscardsATerminatedThatHadAlreadyArrived()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        Sys.Stop(echo);
        AwaitCondition(() => TestActor.QueuedCount == 1);
        Unwatch(echo);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void AProbeCanBeWatchedAndStoppedLikeAnyActor()
    {
        var probe = CreateTestProbe();
        Watch(probe);
        Sys.Stop(probe.Ref);
        ExpectTerminated(probe.Ref);
    }
}
