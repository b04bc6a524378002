using CodeSight.Actors;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Sinks.Support;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class CollectorSinkTests : CodeSight.TestKit.TestKit
{
    [Fact]
    public async Task StartCollectsWhatIsPublishedTheMomentItReturns()
    {
        // Published on this thread right after Start returns, before the collector's actor can have started: a
        // collector that subscribed only in PreStart would miss some of these.
        for (var i = 0; i < 200; i++)
        {
            var collector = CollectorSink.Start(Sys);
            var probe = SomeProbes.Closed("step " + i);
            Sys.EventStream.Publish(new OpenSignal(probe, 1));
            Sys.EventStream.Publish(new CloseSignal(probe, 2));

            var collected = await collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(5));
            Assert.Equal(["OpenSignal", "CloseSignal"], collected.Signals.Select(s => s.GetType().Name).ToArray());
            Assert.Equal("step " + i, Assert.Single(collected.Probes).Name);
            await collector.GracefulStop(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task ASnapshotKeepsItsSignalsWhileTheCollectorGoesOn()
    {
        var collector = CollectorSink.Start(Sys);
        var probe = SomeProbes.Closed("step");
        for (var i = 0; i < 10_000; i++) Sys.EventStream.Publish(new OpenSignal(probe, i));

        var first = await collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(5));
        for (var i = 10_000; i < 30_000; i++) Sys.EventStream.Publish(new OpenSignal(probe, i));
        var second = await collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance, TimeSpan.FromSeconds(5));

        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), first.Signals.Select(s => s.At));
        Assert.Equal(Enumerable.Range(0, 30_000).Select(i => (long)i), second.Signals.Select(s => s.At));
        await collector.GracefulStop(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StartedWithANameTheCollectorLivesUnderUser()
    {
        var collector = CollectorSink.Start(Sys, "signals");

        Assert.Equal("/user/signals", collector.Path.ToStringWithoutAddress());
        await collector.GracefulStop(TimeSpan.FromSeconds(5));
    }
}
