using Xunit;
using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.TestKit.Tests.Support;

namespace CodeSight.TestKit.Tests.Lifecycle;

public sealed class KitLifecycleTests
{
    private sealed class Kit(string? hocon = null, string? name = null, Xunit.Abstractions.ITestOutputHelper? output = null)
        : TestKit(hocon, name, output);

    private sealed class StuckInPostStop(ManualResetEventSlim release) : ReceiveActor
    {
        protected override void PostStop() => release.Wait();
    }

    private sealed class Failing : ReceiveActor
    {
        public Failing() => Receive<string>(s => throw new InvalidOperationException("boom: " + s));
    }

    [Fact]
    public void DisposeTerminatesTheSystem()
    {
        var kit = new Kit();
        kit.Dispose();
        Assert.True(kit.Sys.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void TheSystemIsNamedAsAskedOrAfterTheTestClass()
    {
        using var named = new Kit(name: "my-system");
        Assert.Equal("my-system", named.Sys.Name);
        using var unnamed = new Kit();
        Assert.StartsWith("Kit-", unnamed.Sys.Name);
    }

    [Fact]
    public async Task DisposeFailsWhenTheSystemDoesNotStopInTime()
    {
        using var release = new ManualResetEventSlim();
        var kit = new Kit("codesight.test.shutdown-timeout = 200ms", "stuck");
        kit.Sys.ActorOf(Props.Create(() => new StuckInPostStop(release)), "stuck-actor");
        try
        {
            var e = Assert.Throws<TestKitAssertionException>(kit.Dispose);
            Assert.Contains("The actor system 'stuck' did not terminate within 200 ms", e.Message);
        }
        finally
        {
            release.Set();
        }
        await kit.Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void LogEventsGoToTheTestOutput()
    {
        var output = new CollectingOutput();
        using var kit = new Kit(output: output);
        var failing = kit.Sys.ActorOf(Props.Create<Failing>(), "failing");
        failing.Tell("now", null);
        kit.AwaitCondition(() => output.Lines.Any(l => l.Contains("boom: now", StringComparison.Ordinal) && l.Contains("[ERROR]", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheTestActorLivesUnderSystem()
    {
        using var kit = new Kit();
        Assert.Equal("/system/testActor", kit.TestActor.Path.ToStringWithoutAddress());
        kit.Sys.EventStream.Publish(new LogEvent(LogLevel.Info, "here", "not subscribed", null, DateTimeOffset.UtcNow));
        kit.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }
}
