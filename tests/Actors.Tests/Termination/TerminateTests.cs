using System.Reflection;
using CodeSight.Actors.Dispatch;
using CodeSight.Actors.Tests.Support;
using CodeSight.TestKit;
using Xunit;

namespace CodeSight.Actors.Tests.Termination;

public sealed class TerminateTests
{
    private static int LiveScheduledItems(ActorSystem sys) => (int)sys.Scheduler.GetType()
        .GetProperty("LiveCount", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!
        .GetValue(sys.Scheduler)!;

    [Fact]
    public async Task EveryActorsPostStopRunsChildrenBeforeParents()
    {
        var sys = ActorSystem.Create("terminating");
        var probe = new TestProbe(sys);
        var replies = new TestProbe(sys);
        var parent = sys.ActorOf(Props.Create(() => new LifecycleActor(probe, "parent")), "parent");
        parent.Tell(Props.Create(() => new LifecycleActor(probe, "child")), replies.Ref);
        var child = replies.ExpectMsg<IActorRef>();
        child.Tell(Props.Create(() => new LifecycleActor(probe, "grandchild")), replies.Ref);
        replies.ExpectMsg<IActorRef>();
        var other = sys.ActorOf(Props.Create(() => new LifecycleActor(probe, "other")), "other");
        probe.ReceiveN(4); // the PreStarts

        await sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        var stops = probe.ReceiveN(4).Cast<string>().ToList();
        Assert.Equal(new[] { "child:PostStop", "grandchild:PostStop", "other:PostStop", "parent:PostStop" }, stops.Order());
        Assert.True(stops.IndexOf("grandchild:PostStop") < stops.IndexOf("child:PostStop"));
        Assert.True(stops.IndexOf("child:PostStop") < stops.IndexOf("parent:PostStop"));
        Assert.True(sys.WhenTerminated.IsCompletedSuccessfully);
        _ = other;
    }

    [Fact]
    public async Task TerminateReleasesDedicatedThreadsAndScheduledItems()
    {
        var sys = ActorSystem.Create("releasing");
        var probe = new TestProbe(sys);
        var actor = sys.ActorOf(Props.Create<EchoActor>().WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId));
        actor.Tell("warm up", probe.Ref);
        probe.ExpectMsg("warm up");
        sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromHours(1), TimeSpan.FromHours(1), actor, "never", null);
        sys.Scheduler.ScheduleTellOnce(TimeSpan.FromHours(1), actor, "never", null);
        Assert.Equal(2, LiveScheduledItems(sys));
        var dispatcher = Assert.IsType<DedicatedThreadDispatcher>(sys.Dispatcher(ActorSystemSettings.BlockingIoDispatcherId));
        Assert.All(dispatcher.Threads, t => Assert.True(t.IsAlive));

        await sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(dispatcher.Threads, t => Assert.False(t.IsAlive, $"{t.Name} is still running"));
        Assert.Equal(0, LiveScheduledItems(sys));
    }

    [Fact]
    public async Task TerminateIsIdempotentAndWhenTerminatedCompletes()
    {
        var sys = ActorSystem.Create("twice");
        var first = sys.Terminate();
        var second = sys.Terminate();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(sys.WhenTerminated, second);
        Assert.True(sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task MessagesToActorsOfATerminatedSystemAreDeadLetters()
    {
        var sys = ActorSystem.Create("after");
        var actor = sys.ActorOf(Props.Create<EchoActor>());
        await sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        var before = sys.Counters.DeadLetters;
        actor.Tell("late", null);
        Assert.Equal(before + 1, sys.Counters.DeadLetters);
    }
}
