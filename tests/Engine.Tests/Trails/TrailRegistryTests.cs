using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Trails;

/// <summary>
/// The registry of running trails: a trail the recorder minted is registered by its shard, or by the recorder as soon
/// as its id leaves it, so that scoping the id always finds the trail's one link; ended trails leave nothing behind.
/// </summary>
public sealed class TrailRegistryTests : EngineTestKit
{
    [Fact]
    public void AnIdReadFromTheHandleFindsTheTrailAtOnceAndKeepsItsMessagesInOrder()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        for (var i = 0; i < 300; i++)
        {
            var root = engine.Recorder.OpenTrail("run " + i);
            // Read before the shard may have seen the root's open: the scope must tell through the root's own link.
            // With a second link the root's close below could ride on its still-queued open, ahead of the child's
            // open, and the trail would complete without the child.
            var scope = engine.Recorder.Scope(root.TrailId);
            Assert.True(engine.TryFindTrail(root.TrailId, out _));
            var child = scope.Open(ProbeKind.Tool, "step", parent: root.Id);
            root.Close();
            child.Close();

            var completed = completions.ExpectMsg<TrailCompleted>();
            Assert.Equal(root.TrailId, completed.TrailId);
            Assert.Equal([root.Id, child.Id], completed.Probes.Select(p => p.Id));
        }
        Assert.Equal(0, engine.Counters.MessagesForUnknownTrails.Value);
        Assert.Equal(300, engine.Counters.TrailsAdmitted.Value);
        AwaitCondition(() => engine.RegisteredTrails == 0 && engine.RunningTrails == 0);
    }

    [Fact]
    public void ATrailWhoseIdNeverLeftTheRecorderIsRegisteredBeforeItsFirstSignal()
    {
        var engine = StartEngine();
        var opens = Subscribe<OpenSignal>();
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run");

        var id = opens.ExpectMsg<OpenSignal>().Probe.TrailId;
        Assert.True(engine.TryFindTrail(id, out _));
        Assert.Equal(1, engine.RegisteredTrails);
        var child = engine.Recorder.Scope(id).Open(ProbeKind.Tool, "step", parent: root.Id);
        child.Close();
        root.Close();

        Assert.Equal(2, completions.ExpectMsg<TrailCompleted>().Probes.Count);
        Assert.Equal(1, engine.Counters.TrailsAdmitted.Value);
        AwaitCondition(() => engine.RegisteredTrails == 0);
    }

    [Fact]
    public void ReadingTheIdOfAnEndedTrailRegistersNothing()
    {
        var engine = StartEngine();
        var root = EndedTrail(engine, "run");

        var id = root.TrailId;

        Assert.Equal(0, engine.RegisteredTrails);
        Assert.False(engine.TryFindTrail(id, out _));
        Assert.Equal(0, engine.RunningTrails);
    }

    [Fact]
    public void IdsReadWhileTheirTrailsEndLeaveNothingRegistered()
    {
        // The recording thread registering an id races the shard ending the trail: whichever comes second removes it.
        var engine = StartEngine();
        const int threads = 4;
        const int perThread = 2_000;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            for (var i = 0; i < perThread; i++)
            {
                var root = engine.Recorder.OpenTrail("run");
                root.Close();
                if (i % 3 == 0) Thread.SpinWait(i % 200);
                _ = root.TrailId;
            }
        });

        AwaitCondition(() => engine.Counters.TrailsCompleted.Value == threads * perThread, TimeSpan.FromSeconds(30));
        AwaitCondition(() => engine.RegisteredTrails == 0, TimeSpan.FromSeconds(10));
        Assert.Equal(0, engine.RunningTrails);
        Assert.Equal(threads * perThread, engine.Counters.TrailsEnded.Value);
    }
}
