using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Recording;

/// <summary><see cref="Recorder.Scope"/>: continuing a trail here or one begun in another process.</summary>
public sealed class ScopeTests : EngineTestKit
{
    [Fact]
    public void AScopeContinuesARunningTrail()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run");
        var scope = engine.Recorder.Scope(root.TrailId);
        Assert.True(scope.IsRecording);
        Assert.Equal(root.TrailId, scope.TrailId);
        var step = scope.Open(ProbeKind.Tool, "step", parent: root.Id);
        Assert.Equal(root.TrailId, step.TrailId);
        step.Close();
        root.Close();
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal([root.Id, step.Id], completed.Probes.Select(p => p.Id));
        Assert.Equal(root.Id, completed.Probes[1].ParentId);
        Assert.Equal(1, engine.Counters.TrailsAdmitted.Value);
    }

    [Fact]
    public void AScopeForARemoteParentStartsAContinuedTrailRootedAtTheLocalProbe()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var remoteTrail = TrailId.New();
        var remoteParent = ProbeId.New();
        var scope = engine.Recorder.Scope(remoteTrail);
        var handler = scope.Open(ProbeKind.Turn, "handle request", parent: remoteParent);
        var inner = handler.Child(ProbeKind.Model, "model");
        inner.Close();
        handler.Close();
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(remoteTrail, completed.TrailId);
        Assert.Equal(handler.Id, completed.Root.Id);
        Assert.Equal(remoteParent, completed.Root.ParentId);
        Assert.Equal([handler.Id, inner.Id], completed.Probes.Select(p => p.Id));
    }

    [Fact]
    public void ScopesFromSeveralThreadsShareOneTrailActor()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        var trail = TrailId.New();
        var parent = ProbeId.New();
        var handles = new ProbeHandle[8];
        Parallel.For(0, handles.Length, i => handles[i] = engine.Recorder.Scope(trail).Open(ProbeKind.Tool, $"worker {i}", parent));
        Assert.Equal(1, engine.RunningTrails);
        Assert.Equal(1, engine.Counters.TrailsAdmitted.Value);
        foreach (var handle in handles) handle.Close();
        Assert.Equal(handles.Length, completions.ExpectMsg<TrailCompleted>().Probes.Count);
    }

    [Fact]
    public void AnEmptyTrailIdIsRejected()
    {
        var engine = StartEngine();
        var error = Assert.Throws<ArgumentException>(() => engine.Recorder.Scope(default));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void ASampledOutScopeHandsOutTheNoopHandle()
    {
        var engine = StartEngine(new EngineOptions { Gate = NeverGate.Instance });
        var scope = engine.Recorder.Scope(TrailId.New());
        Assert.False(scope.IsRecording);
        Assert.Same(ProbeHandle.Noop, scope.Open(ProbeKind.Tool, "tool"));
        Assert.Equal(0, engine.RunningTrails);
    }

    [Fact]
    public async Task TwoEnginesWithTheSameRatioMakeTheSameDecisionForTheSameTrail()
    {
        const string ratio = "codesight.engine.sampling.ratio = 0.5";
        var here = CodeSightEngine.Start(ActorSystem.Create("here", ratio));
        var there = CodeSightEngine.Start(ActorSystem.Create("there", ratio));
        try
        {
            var decisions = Enumerable.Range(0, 200).Select(_ => TrailId.New()).Select(id =>
            {
                var a = here.Recorder.Scope(id).IsRecording;
                var b = there.Recorder.Scope(id).IsRecording;
                Assert.True(a == b, $"trail {id}: admitted {a} here but {b} there");
                Assert.Equal(new RatioGate(0.5).Verdict(id), a);
                return a;
            }).ToList();
            Assert.Contains(true, decisions);
            Assert.Contains(false, decisions);
        }
        finally
        {
            await Task.WhenAll(here.System.Terminate(), there.System.Terminate()).WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
