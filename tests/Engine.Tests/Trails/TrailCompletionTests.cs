using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Trails;

/// <summary>How a trail ends: one <see cref="TrailCompleted"/>, then its actor is gone.</summary>
public sealed class TrailCompletionTests : EngineTestKit
{
    private readonly CodeSightEngine _engine;

    public TrailCompletionTests() => _engine = StartEngine();

    [Fact]
    public void TrailCompletedIsPublishedOnceWithEveryProbeInOpenOrder()
    {
        var completions = Subscribe<TrailCompleted>();
        var trail = TrailId.New();
        var root = ProbeId.New();
        var children = Enumerable.Range(0, 5).Select(_ => ProbeId.New()).ToArray();
        _engine.Router.Tell(Open(trail, root, null, 100, "run"), null);
        for (var i = 0; i < children.Length; i++) _engine.Router.Tell(Open(trail, children[i], root, 101 + i, $"child {i}"), null);
        // Close in reverse order: the completion must still list the probes in the order they opened.
        for (var i = children.Length - 1; i >= 0; i--) _engine.Router.Tell(Close(trail, children[i], 200 + i), null);
        _engine.Router.Tell(Close(trail, root, 300), null);

        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(trail, completed.TrailId);
        Assert.Equal(root, completed.Root.Id);
        Assert.Equal(300, completed.Root.EndedAt);
        Assert.Equal([root, .. children], completed.Probes.Select(p => p.Id));
        Assert.All(completed.Probes, p => Assert.Equal(ProbeStatus.Ok, p.Status));

        // The actor stopped, so a late close reaches nobody: it is counted as a message for an unknown trail.
        AwaitCondition(() => _engine.RunningTrails == 0);
        _engine.Router.Tell(Close(trail, root, 400), null);
        AwaitCondition(() => _engine.Counters.MessagesForUnknownTrails.Value == 1);
        completions.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, _engine.Counters.TrailsCompleted.Value);
    }

    [Fact]
    public void ATrailWithAnOpenChildDoesNotCompleteWhenItsRootCloses()
    {
        var completions = Subscribe<TrailCompleted>();
        var signals = Subscribe<Signal>();
        var trail = TrailId.New();
        var root = ProbeId.New();
        var child = ProbeId.New();
        _engine.Router.Tell(Open(trail, root, null, 100), null);
        _engine.Router.Tell(Open(trail, child, root, 110), null);
        _engine.Router.Tell(Close(trail, root, 120), null);
        Expect<OpenSignal>(signals, root);
        Expect<OpenSignal>(signals, child);
        Expect<CloseSignal>(signals, root);
        completions.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, _engine.RunningTrails);

        _engine.Router.Tell(Close(trail, child, 130), null);
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal([root, child], completed.Probes.Select(p => p.Id));
        AwaitCondition(() => _engine.RunningTrails == 0);
    }

    [Fact]
    public void RunningTrailsCountsTheTrailsWhoseActorIsAlive()
    {
        var completions = Subscribe<TrailCompleted>();
        var first = _engine.Recorder.OpenTrail("first");
        var second = _engine.Recorder.OpenTrail("second");
        Assert.Equal(2, _engine.RunningTrails);
        first.Close();
        Assert.Equal(first.TrailId, completions.ExpectMsg<TrailCompleted>().TrailId);
        AwaitCondition(() => _engine.RunningTrails == 1);
        second.Close();
        Assert.Equal(second.TrailId, completions.ExpectMsg<TrailCompleted>().TrailId);
        AwaitCondition(() => _engine.RunningTrails == 0);
    }

    [Fact]
    public async Task SignalsOfEachTrailArriveInTheOrderTheyWereApplied()
    {
        const int trails = 4;
        const int childrenPerTrail = 50;
        var signals = Subscribe<Signal>();
        var expected = new Dictionary<TrailId, List<(SignalPhase, ProbeId)>>();
        var threads = Enumerable.Range(0, trails).Select(_ => Task.Run(() =>
        {
            var log = new List<(SignalPhase, ProbeId)>();
            using var root = _engine.Recorder.OpenTrail("run");
            log.Add((SignalPhase.Open, root.Id));
            for (var i = 0; i < childrenPerTrail; i++)
            {
                var child = root.Child(ProbeKind.Tool, "tool");
                child.Note("i", i);
                child.Close();
                log.Add((SignalPhase.Open, child.Id));
                log.Add((SignalPhase.Update, child.Id));
                log.Add((SignalPhase.Close, child.Id));
            }
            log.Add((SignalPhase.Close, root.Id));
            lock (expected) expected[root.TrailId] = log;
        })).ToArray();
        await Task.WhenAll(threads);

        var total = expected.Values.Sum(l => l.Count);
        var received = signals.ReceiveN(total).Cast<Signal>().ToList();
        foreach (var (trail, log) in expected)
        {
            Assert.Equal(log, received.Where(s => s.Probe.TrailId == trail).Select(s => (s.Phase, s.Probe.Id)));
        }
    }
}
