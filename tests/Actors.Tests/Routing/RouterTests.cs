using CodeSight.Actors.Events;
using CodeSight.Actors.Routing;
using CodeSight.Actors.Tests.Support;
using CodeSight.TestKit;
using Xunit;

namespace CodeSight.Actors.Tests.Routing;

public sealed class RouterTests : TestKit.TestKit
{
    private sealed class NoRouteeLogic : RoutingLogic
    {
        public override Routee Select(object message, IReadOnlyList<Routee> routees) => Routee.NoRoutee;
    }

    private sealed class ThreadRecordingLogic : RoutingLogic
    {
        public int ThreadId;

        public override Routee Select(object message, IReadOnlyList<Routee> routees)
        {
            ThreadId = Environment.CurrentManagedThreadId;
            return routees[0];
        }
    }

    private TestProbe[] Probes(int n) => Enumerable.Range(0, n).Select(i => CreateTestProbe("routee-" + i)).ToArray();

    private static IActorRef[] Refs(TestProbe[] probes) => probes.Select(p => p.Ref).ToArray();

    [Fact]
    public void RoundRobinTakesRouteesInTurn()
    {
        var probes = Probes(3);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup(Refs(probes))));
        for (var i = 0; i < 7; i++) router.Tell(i, TestActor);
        probes[0].ExpectMsg(0);
        probes[1].ExpectMsg(1);
        probes[2].ExpectMsg(2);
        probes[0].ExpectMsg(3);
        probes[1].ExpectMsg(4);
        probes[2].ExpectMsg(5);
        probes[0].ExpectMsg(6);
        Assert.Equal(TestActor.Ref, probes[0].LastSender);
    }

    private sealed class Tagging : ReceiveActor
    {
        public Tagging() => Receive<int>(n => Sender.Tell((Self.Path.Name, n), Self));
    }

    [Fact]
    public void ARoundRobinPoolCreatesItsRouteesAsChildrenAndTakesThemInTurn()
    {
        var router = Sys.ActorOf(Props.Create<Tagging>().WithRouter(new RoundRobinPool(3)), "pool");
        router.Tell(GetRoutees.Instance, TestActor);
        var routees = ExpectMsg<Routees>().Members.Cast<ActorRefRoutee>().Select(r => r.Actor).ToList();
        Assert.Equal(3, routees.Count);
        Assert.All(routees, r => Assert.Equal("/user/pool", r.Path.Parent!.ToStringWithoutAddress()));
        for (var i = 0; i < 6; i++) router.Tell(i, TestActor);
        var byRoutee = ReceiveN(6).Cast<(string Name, int N)>().GroupBy(m => m.Name).ToList();
        Assert.Equal(3, byRoutee.Count);
        Assert.All(byRoutee, g => Assert.Equal(g.Min(m => m.N) + 3, g.Max(m => m.N)));
    }

    [Fact]
    public void RandomSpreadsMessagesOverEveryRoutee()
    {
        var probes = Probes(4);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RandomGroup(Refs(probes))));
        for (var i = 0; i < 400; i++) router.Tell(i, null);
        foreach (var probe in probes)
        {
            var count = probe.QueuedCount;
            Assert.True(count > 40, $"{probe.Path.Name} got only {count} of 400");
        }
        Assert.Equal(400, probes.Sum(p => p.QueuedCount));
    }

    [Fact]
    public void BroadcastSendsToEveryRoutee()
    {
        var probes = Probes(3);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new BroadcastGroup(Refs(probes))));
        router.Tell("all", null);
        foreach (var probe in probes) probe.ExpectMsg("all");
    }

    [Fact]
    public void ABroadcastEnvelopeReachesEveryRouteeOfAnyRouter()
    {
        var probes = Probes(3);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup(Refs(probes))));
        router.Tell(new Broadcast("everyone"), null);
        foreach (var probe in probes) probe.ExpectMsg("everyone");
    }

    [Fact]
    public void ConsistentHashingSendsTheSameKeyToTheSameRoutee()
    {
        var probes = Probes(5);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new ConsistentHashingGroup(Refs(probes), m => m is string s ? s.Split(':')[0] : null)));
        var owners = new Dictionary<string, TestProbe>();
        for (var round = 0; round < 3; round++)
        {
            for (var k = 0; k < 20; k++)
            {
                var before = probes.Select(p => p.QueuedCount).ToArray();
                router.Tell($"key{k}:{round}", null);
                // Probes queue a message before Tell returns, so the owner is the one whose queue grew.
                var owner = Assert.Single(probes.Where((p, i) => p.QueuedCount > before[i]));
                Assert.Same(owners.GetValueOrDefault("key" + k, owner), owner);
                owners["key" + k] = owner;
            }
        }
        Assert.True(owners.Values.Distinct().Count() > 1, "every key went to one routee");
    }

    [Fact]
    public void AddingARouteeMovesFewKeys()
    {
        var probes = Probes(5);
        var logic = new ConsistentHashingRoutingLogic();
        var four = probes.Take(4).Select(p => (Routee)new ActorRefRoutee(p.Ref)).ToArray();
        var five = four.Append(new ActorRefRoutee(probes[4].Ref)).ToArray();
        const int keys = 2000;
        var moved = 0;
        for (var k = 0; k < keys; k++)
        {
            var message = new ConsistentHashableEnvelope("m", "trail-" + k);
            var before = logic.Select(message, four);
            var after = logic.Select(message, five);
            Assert.Equal(before, logic.Select(message, four)); // stable
            if (!before.Equals(after))
            {
                moved++;
                Assert.Equal(five[4], after); // a key only ever moves to the new routee
            }
        }
        // Ideal is 1/5 of the keys; a modulo hash would move about 4/5.
        Assert.InRange(moved, keys / 10, keys * 35 / 100);
    }

    [Fact]
    public void AMessageWithNoRouteeIsCountedAsDropped()
    {
        Sys.EventStream.Subscribe(TestActor.Ref, typeof(Dropped));
        var probes = Probes(1);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new Group(Refs(probes), () => new NoRouteeLogic())), "nowhere");
        router.Tell("lost", null);
        var dropped = ExpectMsg<Dropped>();
        Assert.Equal("lost", dropped.Message);
        Assert.Contains("router", dropped.Reason);
        Assert.Contains("/user/nowhere has no routee for String", dropped.Reason);
        Assert.Equal(1, Sys.Counters.Dropped);
        probes[0].ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void AConsistentHashingRouterDropsAMessageWithoutKey()
    {
        var probes = Probes(2);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new ConsistentHashingGroup(Refs(probes))));
        router.Tell("no key", null);
        AwaitCondition(() => Sys.Counters.Dropped == 1);
    }

    [Fact]
    public void RoutingRunsOnTheSendersThread()
    {
        var logic = new ThreadRecordingLogic();
        var probes = Probes(1);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new Group(Refs(probes), () => logic)));
        var senderThreadId = 0;
        var sender = new Thread(() =>
        {
            senderThreadId = Environment.CurrentManagedThreadId;
            router.Tell("routed", null);
        });
        sender.Start();
        sender.Join();
        probes[0].ExpectMsg("routed");
        Assert.Equal(senderThreadId, logic.ThreadId);
    }

    [Fact]
    public void RoutingBypassesABusyRouterActor()
    {
        var probes = Probes(2);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup(Refs(probes))));
        // Fill the router actor's own mailbox with work it handles itself; routed messages must not wait for it.
        for (var i = 0; i < 1000; i++) router.Tell(GetRoutees.Instance, TestActor);
        router.Tell("a", null);
        router.Tell("b", null);
        probes[0].ExpectMsg("a");
        probes[1].ExpectMsg("b");
        ReceiveN(1000);
    }

    [Fact]
    public void AGroupDropsARouteeThatStopped()
    {
        var a = Sys.ActorOf(Props.Create<EchoActor>(), "a");
        var b = Sys.ActorOf(Props.Create<EchoActor>(), "b");
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup([a, b])));
        router.Tell(GetRoutees.Instance, TestActor);
        Assert.Equal(2, ExpectMsg<Routees>().Members.Count);
        Sys.Stop(a);
        AwaitAssert(() =>
        {
            router.Tell(GetRoutees.Instance, TestActor);
            var members = ExpectMsg<Routees>().Members;
            Assert.Equal(new Routee[] { new ActorRefRoutee(b) }, members);
        });
        for (var i = 0; i < 4; i++) router.Tell(i, TestActor);
        Assert.Equal(new object[] { 0, 1, 2, 3 }, ReceiveN(4));
    }

    [Fact]
    public void AddAndRemoveRouteeChangeTheRoutingTable()
    {
        var probes = Probes(2);
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup([probes[0].Ref])));
        router.Tell(new AddRoutee(new ActorRefRoutee(probes[1].Ref)), null);
        router.Tell(new RemoveRoutee(new ActorRefRoutee(probes[0].Ref)), null);
        AwaitAssert(() =>
        {
            router.Tell(GetRoutees.Instance, TestActor);
            Assert.Equal(new Routee[] { new ActorRefRoutee(probes[1].Ref) }, ExpectMsg<Routees>().Members);
        });
        router.Tell("x", null);
        probes[1].ExpectMsg("x");
    }
}
