using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Sampling;

/// <summary>The head gate, applied by the router to the root open of a trail sent by a host actor.</summary>
public sealed class HeadSamplingTests : EngineTestKit
{
    public HeadSamplingTests()
        : base("codesight.engine.sampling.ratio = 0")
    {
    }

    [Fact]
    public void ARatioOfZeroDropsEveryTrailAndCountsItsLaterMessagesAsSampledOut()
    {
        var engine = StartEngine();
        var signals = Subscribe<Signal>();
        var trail = TrailId.New();
        var root = ProbeId.New();
        engine.Router.Tell(Open(trail, root, null, 100), null);
        engine.Router.Tell(Update(trail, root, 110, ("k", 1)), null);
        engine.Router.Tell(Close(trail, root, 120), null);
        AwaitCondition(() => engine.Counters.MessagesForSampledOutTrails.Value == 2);
        Assert.Equal(1, engine.Counters.TrailsSampledOut.Value);
        Assert.Equal(0, engine.Counters.TrailsAdmitted.Value);
        Assert.Equal(0, engine.RunningTrails);
        signals.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void MessagesForATrailTheRouterNeverSawAreCountedAsUnknown()
    {
        var engine = StartEngine(new EngineOptions { Gate = AlwaysGate.Instance });
        var trail = TrailId.New();
        engine.Router.Tell(Update(trail, ProbeId.New(), 110, ("k", 1)), null);
        engine.Router.Tell(Close(trail, ProbeId.New(), 120), null);
        // A child open of an unknown trail is not a root open: the gate is not asked and nothing starts.
        engine.Router.Tell(Open(trail, ProbeId.New(), ProbeId.New(), 130), null);
        AwaitCondition(() => engine.Counters.MessagesForUnknownTrails.Value == 3);
        Assert.Equal(0, engine.Counters.TrailsAdmitted.Value);
        Assert.Equal(0, engine.Counters.TrailsSampledOut.Value);
    }

    [Fact]
    public void AnAdmittedTrailIsForwardedToItsActor()
    {
        var engine = StartEngine(new EngineOptions { Gate = AlwaysGate.Instance });
        var completions = Subscribe<TrailCompleted>();
        var trail = TrailId.New();
        var root = ProbeId.New();
        engine.Router.Tell(Open(trail, root, null, 100), null);
        engine.Router.Tell(Close(trail, root, 120), null);
        Assert.Equal(trail, completions.ExpectMsg<TrailCompleted>().TrailId);
        Assert.Equal(1, engine.Counters.TrailsAdmitted.Value);
    }

    [Fact]
    public void TheRatioGateAdmitsTheSameTrailsThroughTheRouterAsItsVerdictSays()
    {
        var gate = new RatioGate(0.5);
        var engine = StartEngine(new EngineOptions { Gate = gate });
        var completions = Subscribe<TrailCompleted>();
        var ids = Enumerable.Range(0, 40).Select(_ => TrailId.New()).ToArray();
        foreach (var id in ids)
        {
            var root = ProbeId.New();
            engine.Router.Tell(Open(id, root, null, 100), null);
            engine.Router.Tell(Close(id, root, 120), null);
        }
        var admitted = ids.Where(gate.Verdict).ToHashSet();
        var completed = completions.ReceiveN(admitted.Count).Cast<TrailCompleted>().Select(c => c.TrailId).ToHashSet();
        Assert.Equal(admitted, completed);
        AwaitCondition(() => engine.Counters.MessagesForSampledOutTrails.Value == ids.Length - admitted.Count);
        Assert.Equal(ids.Length - admitted.Count, engine.Counters.TrailsSampledOut.Value);
    }
}
