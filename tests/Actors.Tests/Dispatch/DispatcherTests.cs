using CodeSight.Actors.Configuration;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.Dispatch;

public sealed class DispatcherTests : TestKit.TestKit
{
    public DispatcherTests() : base("""
        own-threads { type = dedicated-threads, thread-count = 2 }
        backwards-slice { type = thread-pool, throughput-deadline = -5ms }
        codesight.actor.deployment { "/user/deployed" { dispatcher = own-threads } }
        """)
    {
    }

    private sealed record ThreadInfo(string? Name, bool IsPoolThread);

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter(ManualResetEventSlim? gate)
        {
            Receive<string>(s => s == "where", _ => Sender.Tell(new ThreadInfo(Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread), Self));
            Receive<string>(s => s == "block", _ =>
            {
                Sender.Tell("blocked", Self);
                gate?.Wait(TimeSpan.FromSeconds(10));
            });
        }
    }

    [Fact]
    public void ADedicatedDispatcherRunsActorsOnItsOwnNamedThreads()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter(null)).WithDispatcher("own-threads"));
        actor.Tell("where", TestActor);
        var info = ExpectMsg<ThreadInfo>();
        Assert.StartsWith("own-threads-", info.Name);
        Assert.False(info.IsPoolThread);
    }

    [Fact]
    public void TheDefaultDispatcherRunsOnThePool()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter(null)));
        actor.Tell("where", TestActor);
        Assert.True(ExpectMsg<ThreadInfo>().IsPoolThread);
    }

    [Fact]
    public void TheDeploymentSectionChoosesTheDispatcher()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter(null)), "deployed");
        actor.Tell("where", TestActor);
        Assert.StartsWith("own-threads-", ExpectMsg<ThreadInfo>().Name);
    }

    [Fact]
    public void TheBlockingIoDispatcherHasDedicatedThreads()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter(null)).WithDispatcher(ActorSystemSettings.BlockingIoDispatcherId));
        actor.Tell("where", TestActor);
        Assert.StartsWith(ActorSystemSettings.BlockingIoDispatcherId + "-", ExpectMsg<ThreadInfo>().Name);
    }

    [Fact]
    public void BlockingEveryDedicatedThreadLeavesThePoolFree()
    {
        using var gate = new ManualResetEventSlim();
        var blockers = Enumerable.Range(0, 2)
            .Select(_ => Sys.ActorOf(Props.Create(() => new ThreadReporter(gate)).WithDispatcher("own-threads")))
            .ToList();
        try
        {
            foreach (var blocker in blockers) blocker.Tell("block", TestActor);
            ExpectMsg("blocked");
            ExpectMsg("blocked");
            var poolActors = Enumerable.Range(0, 10).Select(_ => Sys.ActorOf(Props.Create<EchoActor>())).ToList();
            foreach (var echo in poolActors) echo.Tell("served", TestActor);
            for (var i = 0; i < poolActors.Count; i++) ExpectMsg("served");
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public void TheDefaultDispatcherTakesItsTimeSliceFromConfiguration()
    {
        var dispatcher = Sys.Dispatcher(ActorSystemSettings.DefaultDispatcherId);
        Assert.Equal(TimeSpan.FromMilliseconds(1), dispatcher.ThroughputDeadline);
        Assert.Equal(30, dispatcher.Throughput);
        Assert.Equal(TimeSpan.Zero, Sys.Dispatcher("own-threads").ThroughputDeadline);
    }

    [Fact]
    public void ANegativeTimeSliceIsAClearError()
    {
        var e = Assert.Throws<ConfigurationException>(() => Sys.ActorOf(Props.Create<EchoActor>().WithDispatcher("backwards-slice")));
        Assert.Contains("backwards-slice.throughput-deadline", e.Message);
        Assert.Contains("negative", e.Message);
    }

    [Fact]
    public void AnUnknownDispatcherIsAClearError()
    {
        var e = Assert.Throws<ConfigurationException>(() => Sys.ActorOf(Props.Create<EchoActor>().WithDispatcher("no-such-dispatcher")));
        Assert.Contains("No dispatcher is configured at 'no-such-dispatcher'", e.Message);
    }
}
