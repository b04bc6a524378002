using CodeSight.Actors.Events;
using Xunit;

namespace CodeSight.Actors.Tests.Actor;

public sealed class ReceiveTimeoutTests : TestKit.TestKit
{
    private sealed record Quiet : INotInfluenceReceiveTimeout;

    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe, TimeSpan timeout)
        {
            SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout", Self));
            Receive<string>(s => s == "off", _ =>
            {
                SetReceiveTimeout(null);
                probe.Tell("off", Self);
            });
            Receive<string>(s => s == "query", _ => probe.Tell(Context.ReceiveTimeout!, Self));
            ReceiveAny(_ => { });
        }
    }

    [Fact]
    public void FiresWhenTheActorIsIdle()
    {
        Sys.ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromMilliseconds(100))));
        ExpectMsg("timeout", TimeSpan.FromSeconds(2));
        // It is re-armed after each timeout, so it keeps firing while idle.
        ExpectMsg("timeout", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void DoesNotFireWhileMessagesKeepArriving()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromMilliseconds(300))));
        var scheduled = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(30), actor, "busy", null);
        try
        {
            ExpectNoMsg(TimeSpan.FromMilliseconds(700));
        }
        finally
        {
            scheduled.Cancel();
        }
        ExpectMsg("timeout", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void MessagesThatDoNotInfluenceItDoNotResetIt()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromMilliseconds(300))));
        var scheduled = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(30), actor, new Quiet(), null);
        try
        {
            ExpectMsg("timeout", TimeSpan.FromSeconds(2));
        }
        finally
        {
            scheduled.Cancel();
        }
    }

    [Fact]
    public void TurningItOffStopsIt()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.FromMilliseconds(150))));
        actor.Tell("query", null);
        Assert.Equal(TimeSpan.FromMilliseconds(150), ExpectMsg<TimeSpan>());
        actor.Tell("off", null);
        ExpectMsg("off");
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public void ANonPositiveTimeoutIsRejected()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(LogEvent));
        Sys.ActorOf(Props.Create(() => new Idle(TestActor, TimeSpan.Zero)));
        var log = ExpectMsg<LogEvent>();
        Assert.IsType<ArgumentOutOfRangeException>(log.Cause!.InnerException);
        Assert.Contains("must be positive", log.Cause.InnerException!.Message);
    }
}
