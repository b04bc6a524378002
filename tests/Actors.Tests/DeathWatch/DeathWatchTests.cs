using CodeSight.Actors.Events;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.DeathWatch;

public sealed class DeathWatchTests : TestKit.TestKit
{
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe, IActorRef subject, ManualResetEventSlim gate)
        {
            Context.Watch(subject);
            Receive<Terminated>(t => probe.Tell("terminated " + t.ActorRef.Path.Name, Self));
            Receive<string>(s => s == "block", _ =>
            {
                probe.Tell("blocked", Self);
                gate.Wait(TimeSpan.FromSeconds(10));
            });
            Receive<string>(s => s == "unwatch", _ =>
            {
                Context.Unwatch(subject);
                probe.Tell("unwatched", Self);
            });
        }
    }

    private sealed class CarelessWatcher : ReceiveActor
    {
        public CarelessWatcher(IActorRef subject)
        {
            Context.Watch(subject);
            Receive<string>(_ => { });
        }
    }

    private sealed class SelfStopper : ReceiveActor
    {
        public SelfStopper() => Receive<string>(_ => Context.Stop(Self));
    }

    [Fact]
    public void AWatcherReceivesTerminatedWhenTheSubjectStops()
    {
        using var gate = new ManualResetEventSlim();
        var subject = Sys.ActorOf(Props.Create<EchoActor>(), "subject");
        Sys.ActorOf(Props.Create(() => new Watcher(TestActor, subject, gate)));
        subject.Tell(PoisonPill.Instance, null);
        ExpectMsg("terminated subject");
    }

    [Fact]
    public void NoTerminatedArrivesAfterUnwatchEvenIfItWasAlreadyQueued()
    {
        using var gate = new ManualResetEventSlim();
        var subject = Sys.ActorOf(Props.Create<EchoActor>(), "subject");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor, subject, gate)));
        watcher.Tell("block", null);
        ExpectMsg("blocked");
        watcher.Tell("unwatch", null);
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        // The watcher learns of the death now, so its Terminated is queued behind "unwatch".
        gate.Set();
        ExpectMsg("unwatched");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void WatchingAnActorThatIsAlreadyDeadDeliversTerminated()
    {
        using var gate = new ManualResetEventSlim();
        var subject = Sys.ActorOf(Props.Create<EchoActor>(), "gone");
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        Sys.ActorOf(Props.Create(() => new Watcher(TestActor, subject, gate)));
        ExpectMsg("terminated gone");
    }

    [Fact]
    public void PoisonPillIsHandledAfterEarlierMessagesAndLaterOnesBecomeDeadLetters()
    {
        using var gate = new ManualResetEventSlim();
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new BlockingActor(TestActor, gate)));
        Watch(actor);
        actor.Tell("block", null);
        ExpectMsg("blocked");
        actor.Tell("before", null);
        actor.Tell(PoisonPill.Instance, null);
        actor.Tell("after", null);
        gate.Set();
        ExpectMsg("before");
        Assert.Equal("after", ExpectMsg<DeadLetter>().Message);
        ExpectTerminated(actor);
    }

    [Fact]
    public void KillFailsTheActorWhichTheDefaultStrategyStops()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(LogEvent));
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "victim");
        Watch(actor);
        actor.Tell(Kill.Instance, null);
        var log = ExpectMsg<LogEvent>();
        Assert.IsType<ActorKilledException>(log.Cause);
        Assert.Contains("Kill message received by", log.Cause!.Message);
        ExpectTerminated(actor);
    }

    [Fact]
    public void ContextStopOfSelfStopsTheActor()
    {
        var actor = Sys.ActorOf(Props.Create<SelfStopper>());
        Watch(actor);
        actor.Tell("stop", null);
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task GracefulStopCompletesWithTrueOnceTheActorStopped()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(3)));
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task GracefulStopFailsWithAskTimeoutWhenTheActorDoesNotStopInTime()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new BlockingActor(TestActor, gate)), "busy");
        actor.Tell("block", null);
        ExpectMsg("blocked");
        try
        {
            var e = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.GracefulStop(TimeSpan.FromMilliseconds(100)));
            Assert.Contains("GracefulStop of", e.Message);
            Assert.Contains("/user/busy did not complete within 100 ms", e.Message);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public void AnUnhandledTerminatedFailsTheWatcherWithDeathPactException()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(LogEvent));
        var subject = Sys.ActorOf(Props.Create<EchoActor>(), "subject");
        var watcher = Sys.ActorOf(Props.Create(() => new CarelessWatcher(subject)));
        Watch(watcher);
        Sys.Stop(subject);
        var log = ExpectMsg<LogEvent>();
        var pact = Assert.IsType<DeathPactException>(log.Cause);
        Assert.Equal(subject, pact.DeadActor);
        ExpectTerminated(watcher);
    }
}
