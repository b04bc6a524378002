using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Recording;

public sealed class AmbientProbeTests : EngineTestKit
{
    [Fact]
    public void NoProbeIsCurrentUntilOneIsMadeCurrentAndScopesRestoreTheOneBefore()
    {
        var recorder = StartEngine().Recorder;
        using var root = recorder.OpenTrail("root");
        using var child = root.Child(ProbeKind.Tool, "child");

        Assert.Null(AmbientProbe.Current);
        using (root.MakeCurrent())
        {
            Assert.Same(root, AmbientProbe.Current);
            using (child.MakeCurrent())
            {
                Assert.Same(child, AmbientProbe.Current);
            }

            Assert.Same(root, AmbientProbe.Current);
        }

        Assert.Null(AmbientProbe.Current);
    }

    [Fact]
    public async Task EachAsyncFlowSeesOnlyTheProbeItMadeCurrent()
    {
        var recorder = StartEngine().Recorder;
        using var first = recorder.OpenTrail("first");
        using var second = recorder.OpenTrail("second");
        var bothInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = 0;

        async Task<ProbeHandle?> Flow(ProbeHandle probe)
        {
            using (probe.MakeCurrent())
            {
                if (Interlocked.Increment(ref inside) == 2) bothInside.SetResult();
                await bothInside.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return AmbientProbe.Current;
            }
        }

        var seen = await Task.WhenAll(Task.Run(() => Flow(first)), Task.Run(() => Flow(second)));

        Assert.Same(first, seen[0]);
        Assert.Same(second, seen[1]);
        Assert.Null(AmbientProbe.Current);
    }

    [Fact]
    public void ADefaultScopeRestoresNothing()
    {
        var recorder = StartEngine().Recorder;
        using var root = recorder.OpenTrail("root");
        using (root.MakeCurrent())
        {
            new AmbientProbeScope().Dispose();
            Assert.Same(root, AmbientProbe.Current);
        }
    }
}
