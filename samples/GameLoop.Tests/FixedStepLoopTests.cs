using CodeSight.Contracts.Messages;
using CodeSight.Engine;
using CodeSight.TestKit;
using Xunit;

namespace GameLoop.Tests;

public sealed class FixedStepLoopTests : TestKit
{
    [Fact]
    public void TheLoopRunsExactlyTheFramesAskedForEachAsOneCompletedTrail()
    {
        var engine = CodeSightEngine.Start(Sys);
        Sys.EventStream.Subscribe<TrailCompleted>(TestActor);
        var world = new World(engine);
        var loop = new FixedStepLoop(TimeSpan.FromMilliseconds(5));

        var (frames, _) = loop.Run(6, world.Step);

        Assert.Equal(6, frames);
        Assert.Equal(6, world.Frame);
        var trails = ReceiveN(6).Cast<TrailCompleted>().ToList();
        Assert.All(trails, t => Assert.Equal("frame", t.Root.Name));
        Assert.Equal(6, trails.Select(t => t.TrailId).Distinct().Count());
    }

    [Fact]
    public void ACancelledLoopStopsEarly()
    {
        var engine = CodeSightEngine.Start(Sys);
        var world = new World(engine);
        using var cancel = new CancellationTokenSource();
        var loop = new FixedStepLoop(TimeSpan.FromMilliseconds(1));

        var (frames, _) = loop.Run(1_000_000, step =>
        {
            world.Step(step);
            if (world.Frame == 3) cancel.Cancel();
        }, cancel.Token);

        Assert.Equal(3, frames);
    }
}
