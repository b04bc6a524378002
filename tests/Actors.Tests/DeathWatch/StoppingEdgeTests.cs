using System.Reflection;
using CodeSight.Actors.Events;
using CodeSight.Actors.Routing;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.DeathWatch;

public sealed class StoppingEdgeTests : TestKit.TestKit
{
    private sealed class StuckAsync : ReceiveActor
    {
        public StuckAsync(IActorRef probe, TaskCompletionSource gate)
        {
            ReceiveAsync<string>(async _ =>
            {
                probe.Tell("awaiting", Self);
                try
                {
                    await gate.Task;
                }
                finally
                {
                    probe.Tell("finally ran", null);
                }
            });
        }

        protected override void PostStop() => Context.System.EventStream.Publish("StuckAsync stopped");
    }

    private sealed class ThrowsInPostStop : ReceiveActor
    {
        public ThrowsInPostStop() => ReceiveAny(_ => { });

        protected override void PostStop() => throw new InvalidOperationException("PostStop broke");
    }

    private sealed class IdleWithTimeout : ReceiveActor
    {
        public IdleWithTimeout()
        {
            SetReceiveTimeout(TimeSpan.FromHours(1));
            ReceiveAny(_ => { });
        }
    }

    private int LiveScheduledItems() => (int)Sys.Scheduler.GetType()
        .GetProperty("LiveCount", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!
        .GetValue(Sys.Scheduler)!;

    [Fact]
    public void APoisonPillStopsAPoolRouterAndItsRoutees()
    {
        var router = Sys.ActorOf(Props.Create<EchoActor>().WithRouter(new RoundRobinPool(3)));
        router.Tell(GetRoutees.Instance, TestActor);
        var routees = ExpectMsg<Routees>().Members.Cast<ActorRefRoutee>().Select(r => r.Actor).ToList();
        foreach (var routee in routees) Watch(routee);
        Watch(router);
        router.Tell(PoisonPill.Instance, null);
        var stopped = ReceiveN(4).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet();
        Assert.Equal(routees.Append(router).ToHashSet(), stopped);
    }

    [Fact]
    public void AnActorStoppedWhileAwaitingStopsAndItsTaskStillFinishes()
    {
        var gate = new TaskCompletionSource();
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(string));
        var actor = Sys.ActorOf(Props.Create(() => new StuckAsync(TestActor, gate)));
        Watch(actor);
        actor.Tell("go", null);
        ExpectMsg("awaiting");
        Sys.Stop(actor);
        ExpectMsg("StuckAsync stopped");
        ExpectTerminated(actor);
        gate.SetResult();
        ExpectMsg("finally ran");
    }

    [Fact]
    public void AnActorWhosePostStopThrowsStillStops()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(LogEvent));
        var actor = Sys.ActorOf(Props.Create<ThrowsInPostStop>());
        Watch(actor);
        Sys.Stop(actor);
        Assert.Contains("PostStop broke", ExpectMsg<LogEvent>().Message);
        ExpectTerminated(actor);
    }

    [Fact]
    public void StoppingAnActorCancelsItsReceiveTimeout()
    {
        var actor = Sys.ActorOf(Props.Create<IdleWithTimeout>());
        AwaitCondition(() => LiveScheduledItems() == 1);
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Assert.Equal(0, LiveScheduledItems());
    }

    [Fact]
    public async Task AskingAStoppedActorTimesOutAndCountsADeadLetter()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask("anyone?", TimeSpan.FromMilliseconds(100)));
        Assert.Equal(1, Sys.Counters.DeadLetters);
    }
}
