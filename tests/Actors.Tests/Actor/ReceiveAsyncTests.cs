using CodeSight.Actors.Events;
using Xunit;

namespace CodeSight.Actors.Tests.Actor;

public sealed class ReceiveAsyncTests : TestKit.TestKit
{
    private sealed record Wait(TaskCompletionSource Gate);

    private sealed class Waiter : ReceiveActor
    {
        private int _inside;

        public Waiter(IActorRef probe)
        {
            ReceiveAsync<Wait>(async w =>
            {
                _inside++;
                var sender = Sender;
                probe.Tell("waiting");
                await w.Gate.Task;
                // Reported with the implicit sender: it is this actor only if the continuation runs inside it.
                probe.Tell("resumed");
                probe.Tell(Sender.Equals(sender) ? "same sender" : "sender changed", Self);
                _inside--;
            });
            Receive<string>(s => probe.Tell($"{s} inside={_inside}", Self));
        }
    }

    private sealed class Delayed : ReceiveActor
    {
        public Delayed() => ReceiveAsync<string>(async s =>
        {
            await Task.Delay(20);
            await Task.Yield();
            Sender.Tell("reply to " + s, Self);
        });
    }

    private sealed class FailingLater : ReceiveActor
    {
        public FailingLater(IActorRef probe)
        {
            ReceiveAsync<string>(async s =>
            {
                await Task.Delay(10);
                throw new InvalidOperationException("async failure on " + s);
            });
        }

        protected override void PostRestart(Exception reason) => Context.System.EventStream.Publish(new Restarted(reason.Message));
    }

    private sealed record Restarted(string Reason);

    [Fact]
    public void NoOtherMessageIsHandledUntilTheTaskCompletes()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Waiter(TestActor)));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(new Wait(gate), TestActor);
        ExpectMsg("waiting");
        actor.Tell("next", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
        gate.SetResult();
        ExpectMsg("resumed");
        ExpectMsg("same sender");
        ExpectMsg("next inside=0");
    }

    [Fact]
    public void ContinuationsRunInsideTheActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Waiter(TestActor)));
        var gate = new TaskCompletionSource();
        actor.Tell(new Wait(gate), TestActor);
        ExpectMsg("waiting");
        // Completing on this thread would run a plain continuation right here; the actor's context must queue it.
        gate.SetResult();
        ExpectMsg("resumed");
        Assert.Equal(actor, LastSender);
    }

    [Fact]
    public void SenderIsStillValidAfterAwait()
    {
        var actor = Sys.ActorOf(Props.Create<Delayed>());
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        actor.Tell("first", a.Ref);
        actor.Tell("second", b.Ref);
        a.ExpectMsg("reply to first");
        b.ExpectMsg("reply to second");
    }

    [Fact]
    public void AFaultedTaskFailsTheActor()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Restarted));
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(LogEvent));
        var actor = Sys.ActorOf(Props.Create(() => new FailingLater(TestActor)));
        actor.Tell("m", null);
        var log = ExpectMsg<LogEvent>();
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Contains("async failure on m", log.Message);
        Assert.Equal("async failure on m", ExpectMsg<Restarted>().Reason);
    }
}
