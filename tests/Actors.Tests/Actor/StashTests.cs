using CodeSight.Actors.Events;
using Xunit;

namespace CodeSight.Actors.Tests.Actor;

public sealed class StashTests : TestKit.TestKit
{
    /// <summary>Stashes strings until "open", then handles them; "unstash-one" returns only the oldest.</summary>
    private sealed class Gate : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Gate(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(s => s == "open", _ =>
            {
                Become(Open);
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "open-one", _ =>
            {
                Become(Open);
                Stash.Unstash();
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fail while closed"));
            Receive<string>(_ => Stash.Stash());
        }

        private void Open()
        {
            Receive<string>(s => _probe.Tell("handled " + s, Self));
        }

        protected override void PreStart() => _probe.Tell("started", Self);
    }

    private sealed class DoubleStash : ReceiveActor
    {
        public DoubleStash() => Receive<string>(_ =>
        {
            Stash.Stash();
            try
            {
                Stash.Stash();
            }
            catch (InvalidOperationException e)
            {
                Sender.Tell(e.Message, Self);
            }
        });
    }

    [Fact]
    public void UnstashAllReplaysInOriginalOrderBeforeNewerMessages()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        ExpectMsg("started");
        foreach (var s in new[] { "1", "2", "3" }) gate.Tell(s, null);
        gate.Tell("open", null);
        gate.Tell("4", null);
        ExpectMsg("handled 1");
        ExpectMsg("handled 2");
        ExpectMsg("handled 3");
        ExpectMsg("handled 4");
    }

    [Fact]
    public void UnstashReturnsOnlyTheOldest()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        ExpectMsg("started");
        gate.Tell("1", null);
        gate.Tell("2", null);
        gate.Tell("open-one", null);
        gate.Tell("3", null);
        ExpectMsg("handled 1");
        ExpectMsg("handled 3");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void StashedMessagesSurviveARestartByBeingUnstashed()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        ExpectMsg("started");
        gate.Tell("1", null);
        gate.Tell("2", null);
        gate.Tell("fail", null);
        ExpectMsg("started");
        // The new instance is closed again: the unstashed messages were stashed anew, in order.
        gate.Tell("open", null);
        ExpectMsg("handled 1");
        ExpectMsg("handled 2");
    }

    [Fact]
    public void StashingTheSameMessageTwiceIsRefused()
    {
        var actor = Sys.ActorOf(Props.Create<DoubleStash>());
        actor.Tell("m", TestActor);
        ExpectMsg<string>(m => Assert.Contains("already stashed", m));
    }

    [Fact]
    public void StashedMessagesBecomeDeadLettersWhenTheActorStops()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(DeadLetter));
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        ExpectMsg("started");
        gate.Tell("kept", null);
        Sys.Stop(gate);
        Assert.Equal("kept", ExpectMsg<DeadLetter>().Message);
    }
}
