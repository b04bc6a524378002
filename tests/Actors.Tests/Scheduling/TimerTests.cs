using System.Reflection;
using Xunit;

namespace CodeSight.Actors.Tests.Scheduling;

public sealed class TimerTests : TestKit.TestKit
{
    private sealed class Timed : ReceiveActor
    {
        public Timed(IActorRef probe, ManualResetEventSlim? gate = null)
        {
            Receive<string>(s => s == "single", _ => Timers.StartSingleTimer("k", "fired", TimeSpan.FromMilliseconds(30)));
            Receive<string>(s => s == "periodic", _ => Timers.StartPeriodicTimer("p", "tick", TimeSpan.FromMilliseconds(20)));
            Receive<string>(s => s == "cancel", _ =>
            {
                Timers.Cancel("p");
                Timers.Cancel("k");
                probe.Tell(Timers.IsTimerActive("p") ? "still active" : "cancelled", Self);
            });
            Receive<string>(s => s == "arm-old-and-block", _ =>
            {
                Timers.StartSingleTimer("k", "old", TimeSpan.FromMilliseconds(10));
                probe.Tell("blocked", Self);
                gate!.Wait(TimeSpan.FromSeconds(10));
            });
            Receive<string>(s => s == "replace", _ => Timers.StartSingleTimer("k", "new", TimeSpan.FromMilliseconds(10)));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
            Receive<string>(s => probe.Tell(s, Self));
        }
    }

    private int LiveScheduledItems() => (int)Sys.Scheduler.GetType()
        .GetProperty("LiveCount", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!
        .GetValue(Sys.Scheduler)!;

    [Fact]
    public void ASingleTimerFiresOnce()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Timed(TestActor, null)));
        actor.Tell("single", null);
        ExpectMsg("fired");
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void APeriodicTimerFiresUntilCancelled()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Timed(TestActor, null)));
        actor.Tell("periodic", null);
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        actor.Tell("cancel", null);
        FishForMessage(m => m is "cancelled");
        // A tick queued before the cancel is not delivered either.
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void AReplacedTimersQueuedMessageIsNotDelivered()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Timed(TestActor, gate)));
        actor.Tell("arm-old-and-block", null);
        actor.Tell("replace", null);
        ExpectMsg("blocked");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // the old timer fires meanwhile: its message queues behind "replace"
        gate.Set();
        ExpectMsg("new");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void TimersDieWithTheActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Timed(TestActor, null)));
        actor.Tell("periodic", null);
        ExpectMsg("tick");
        Assert.Equal(1, LiveScheduledItems());
        Watch(actor);
        Sys.Stop(actor);
        FishForMessage(m => m is Terminated);
        Assert.Equal(0, LiveScheduledItems());
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void TimersAreCancelledOnRestart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Timed(TestActor, null)));
        actor.Tell("periodic", null);
        ExpectMsg("tick");
        actor.Tell("fail", null);
        AwaitCondition(() => LiveScheduledItems() == 0);
        ReceiveWhile<string>(idle: TimeSpan.FromMilliseconds(100));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
