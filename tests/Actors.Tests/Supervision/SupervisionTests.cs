using CodeSight.Actors.Supervision;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.Supervision;

public sealed class SupervisionTests : TestKit.TestKit
{
    private sealed class ResumeException(string message) : Exception(message);

    private sealed class StopException(string message) : Exception(message);

    private sealed class EscalateException(string message) : Exception(message);

    /// <summary>A parent with a given strategy; a Props message creates a child and replies with it.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<(Props Props, string Name)>(p => Sender.Tell(Context.ActorOf(p.Props, p.Name), Self));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    /// <summary>Counts; "fail-resume"/"fail-stop"/"fail-escalate"/"fail" throw; "count" replies with the count.</summary>
    private sealed class Worker : ReceiveActor
    {
        private int _count;

        public Worker(IActorRef probe, string name, ManualResetEventSlim? gate = null)
        {
            Receive<string>(s => s == "block", _ =>
            {
                probe.Tell($"{name} blocked", Self);
                gate?.Wait(TimeSpan.FromSeconds(10));
            });
            Receive<string>(s => s == "fail-resume", _ => throw new ResumeException(name));
            Receive<string>(s => s == "fail-stop", _ => throw new StopException(name));
            Receive<string>(s => s == "fail-escalate", _ => throw new EscalateException(name));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException(name));
            Receive<string>(s => s == "count", _ => Sender.Tell($"{name}={++_count}", Self));
            Receive<string>(s => probe.Tell($"{name} got {s}", Self));
            probe.Tell($"{name} created", Self);
        }
    }

    private sealed class FailsInConstructor : ReceiveActor
    {
        public FailsInConstructor(IActorRef probe)
        {
            probe.Tell("constructing", Self);
            throw new InvalidOperationException("cannot construct");
        }
    }

    private static Directive Decide(Exception e) => e switch
    {
        ResumeException => Directive.Resume,
        StopException => Directive.Stop,
        EscalateException => Directive.Escalate,
        _ => Directive.Restart,
    };

    private IActorRef Child(IActorRef supervisor, string name, Func<ActorBase> factory)
    {
        // A probe of its own: the child may report its creation to TestActor before the parent replies.
        var replies = CreateTestProbe();
        supervisor.Tell((Props.Create(factory), name), replies.Ref);
        return replies.ExpectMsg<IActorRef>();
    }

    private IActorRef NewSupervisor(SupervisorStrategy strategy, string? name = null) =>
        Sys.ActorOf(Props.Create(() => new Supervisor(strategy)), name);

    [Fact]
    public void TheDefaultStrategyRestartsAndResetsState()
    {
        var worker = Sys.ActorOf(Props.Create(() => new Worker(TestActor, "w")));
        ExpectMsg("w created");
        worker.Tell("count", TestActor);
        worker.Tell("count", TestActor);
        ExpectMsg("w=1");
        ExpectMsg("w=2");
        worker.Tell("fail", null);
        ExpectMsg("w created");
        worker.Tell("count", TestActor);
        ExpectMsg("w=1");
    }

    [Fact]
    public void TheDefaultStrategyStopsAnActorWhoseCreationFailed()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailsInConstructor(TestActor)));
        Watch(actor);
        ExpectMsg("constructing");
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // not constructed again
    }

    [Fact]
    public void ResumeKeepsState()
    {
        var parent = NewSupervisor(new OneForOneStrategy(Decide));
        var worker = Child(parent, "w", () => new Worker(TestActor, "w"));
        ExpectMsg("w created");
        worker.Tell("count", TestActor);
        ExpectMsg("w=1");
        worker.Tell("fail-resume", null);
        worker.Tell("count", TestActor);
        ExpectMsg("w=2");
    }

    [Fact]
    public void StopDirectiveStopsTheChild()
    {
        var parent = NewSupervisor(new OneForOneStrategy(Decide));
        var worker = Child(parent, "w", () => new Worker(TestActor, "w"));
        ExpectMsg("w created");
        Watch(worker);
        worker.Tell("fail-stop", null);
        ExpectTerminated(worker);
    }

    [Fact]
    public void RestartKeepsTheMailboxButDoesNotRedeliverTheFailingMessage()
    {
        using var gate = new ManualResetEventSlim();
        var parent = NewSupervisor(new OneForOneStrategy(Decide));
        var worker = Child(parent, "w", () => new Worker(TestActor, "w", gate));
        ExpectMsg("w created");
        worker.Tell("count", TestActor);
        ExpectMsg("w=1");
        // Hold the worker so that the failing message and those behind it are all in its mailbox.
        worker.Tell("block", null);
        ExpectMsg("w blocked");
        worker.Tell("fail", null);
        worker.Tell("after-1", null);
        worker.Tell("count", TestActor);
        worker.Tell("after-2", null);
        gate.Set();
        ExpectMsg("w created");
        ExpectMsg("w got after-1");
        ExpectMsg("w=1");
        ExpectMsg("w got after-2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void OneForOneRestartsOnlyTheFailingChild()
    {
        var parent = NewSupervisor(new OneForOneStrategy(Decide));
        var a = Child(parent, "a", () => new Worker(TestActor, "a"));
        ExpectMsg("a created");
        var b = Child(parent, "b", () => new Worker(TestActor, "b"));
        ExpectMsg("b created");
        b.Tell("count", TestActor);
        ExpectMsg("b=1");
        a.Tell("fail", null);
        ExpectMsg("a created");
        b.Tell("count", TestActor);
        ExpectMsg("b=2");
    }

    [Fact]
    public void AllForOneRestartsEverySibling()
    {
        var parent = NewSupervisor(new AllForOneStrategy(Decide));
        var a = Child(parent, "a", () => new Worker(TestActor, "a"));
        ExpectMsg("a created");
        var b = Child(parent, "b", () => new Worker(TestActor, "b"));
        ExpectMsg("b created");
        b.Tell("count", TestActor);
        ExpectMsg("b=1");
        a.Tell("fail", null);
        Assert.Equal(new object[] { "a created", "b created" }, ReceiveN(2).OrderBy(m => (string)m).ToArray());
        b.Tell("count", TestActor);
        ExpectMsg("b=1");
    }

    [Fact]
    public void AllForOneStopsEverySibling()
    {
        var parent = NewSupervisor(new AllForOneStrategy(Decide));
        var a = Child(parent, "a", () => new Worker(TestActor, "a"));
        var b = Child(parent, "b", () => new Worker(TestActor, "b"));
        ReceiveN(2);
        Watch(a);
        Watch(b);
        a.Tell("fail-stop", null);
        var stopped = ReceiveN(2).Cast<Terminated>().Select(t => t.ActorRef).ToHashSet();
        Assert.Equal(new HashSet<IActorRef> { a, b }, stopped);
    }

    [Fact]
    public void TooManyRestartsWithinTheWindowStopTheChild()
    {
        var parent = NewSupervisor(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), Decide));
        var worker = Child(parent, "w", () => new Worker(TestActor, "w"));
        ExpectMsg("w created");
        Watch(worker);
        worker.Tell("fail", null);
        ExpectMsg("w created");
        worker.Tell("fail", null);
        ExpectMsg("w created");
        worker.Tell("fail", null);
        ExpectTerminated(worker);
    }

    [Fact]
    public void RestartsOutsideTheWindowAreNotCountedTogether()
    {
        var parent = NewSupervisor(new OneForOneStrategy(1, TimeSpan.FromMilliseconds(100), Decide));
        var worker = Child(parent, "w", () => new Worker(TestActor, "w"));
        ExpectMsg("w created");
        worker.Tell("fail", null);
        ExpectMsg("w created");
        ExpectNoMsg(TimeSpan.FromMilliseconds(250)); // let the window pass
        worker.Tell("fail", null);
        ExpectMsg("w created");
    }

    [Fact]
    public void EscalateReachesTheGrandparent()
    {
        var probe = TestActor.Ref;
        var grandparent = NewSupervisor(new OneForOneStrategy(e =>
        {
            probe.Tell("grandparent decides on " + e.GetType().Name, null);
            return Directive.Restart;
        }), "grandparent");
        var middle = Child(grandparent, "middle", () => new Supervisor(new OneForOneStrategy(Decide)));
        var worker = Child(middle, "w", () => new Worker(TestActor, "w"));
        ExpectMsg("w created");
        Watch(worker);
        worker.Tell("fail-escalate", null);
        ExpectMsg("grandparent decides on EscalateException");
        // The grandparent restarts the middle actor, whose default PreRestart stops its children.
        ExpectTerminated(worker);
    }

    [Fact]
    public void ChildrenAreStoppedWhenTheParentRestarts()
    {
        var parent = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "parent")));
        ExpectMsg("parent:PreStart");
        var replies = CreateTestProbe();
        parent.Tell(Props.Create(() => new LifecycleActor(TestActor, "child")), replies.Ref);
        var child = replies.ExpectMsg<IActorRef>();
        ExpectMsg("child:PreStart");
        Watch(child);
        parent.Tell("fail", null);
        var seen = ReceiveN(5).Select(m => m is Terminated t ? "terminated " + t.ActorRef.Path.Name : (string)m).ToList();
        Assert.Equal(new[] { "parent:PreRestart", "child:PostStop", "parent:PostStop", "terminated child", "parent:PostRestart" }.OrderBy(s => s), seen.OrderBy(s => s));
        Assert.True(seen.IndexOf("child:PostStop") > seen.IndexOf("parent:PreRestart"));
        Assert.True(seen.IndexOf("parent:PostRestart") > seen.IndexOf("child:PostStop"));
        ExpectMsg("parent:PreStart");
    }

    [Fact]
    public void LifecycleHooksRunInOrder()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "a")));
        ExpectMsg("a:PreStart");
        actor.Tell("fail", null);
        ExpectMsg("a:PreRestart");
        ExpectMsg("a:PostStop");
        ExpectMsg("a:PostRestart");
        ExpectMsg("a:PreStart");
        Sys.Stop(actor);
        ExpectMsg("a:PostStop");
    }
}
