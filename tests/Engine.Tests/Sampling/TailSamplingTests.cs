using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Tests.Support;
using ManualClock = CodeSight.Engine.Clock.ManualClock;

namespace CodeSight.Engine.Tests.Sampling;

/// <summary>Tail sampling holds a trail's signals until it completes, then keeps errors, slow trails and a head-sampled share.</summary>
public sealed class TailSamplingTests : EngineTestKit
{
    private readonly ManualClock _clock = new();

    private CodeSightEngine StartWithTail(ISamplingGate headSample) => StartEngine(new EngineOptions
    {
        Clock = _clock,
        TailPolicy = new TailSamplingPolicy(keepErrors: true, TimeSpan.FromSeconds(1), headSample),
    });

    [Fact]
    public void AFastCleanTrailOutsideTheHeadSampleIsDroppedAndCounted()
    {
        var engine = StartWithTail(NeverGate.Instance);
        var signals = Subscribe<Signal>();
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("fast");
        root.Child(ProbeKind.Tool, "tool").Close();
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        root.Close();
        AwaitCondition(() => engine.Counters.TrailsDroppedByTail.Value == 1);
        signals.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        completions.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(0, engine.Counters.TrailsKeptByTail.Value);
        Assert.Equal(1, engine.Counters.TrailsCompleted.Value);
    }

    [Fact]
    public void SignalsAreHeldUntilCompletionAndThenPublishedInOrder()
    {
        var engine = StartWithTail(NeverGate.Instance);
        var signals = Subscribe<Signal>();
        var root = engine.Recorder.OpenTrail("errors");
        var tool = root.Child(ProbeKind.Tool, "tool");
        tool.Fail(new InvalidOperationException("boom"));
        tool.Close();
        signals.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        root.Close();
        Expect<OpenSignal>(signals, root.Id);
        Expect<OpenSignal>(signals, tool.Id);
        Expect<UpdateSignal>(signals, tool.Id);
        Assert.Equal(ProbeStatus.Error, Expect<CloseSignal>(signals, tool.Id).Probe.Status);
        Expect<CloseSignal>(signals, root.Id);
        Assert.Equal(1, engine.Counters.TrailsKeptByTail.Value);
    }

    [Fact]
    public void ASlowTrailIsKept()
    {
        var engine = StartWithTail(NeverGate.Instance);
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("slow");
        _clock.Advance(TimeSpan.FromSeconds(1));
        root.Close();
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(1_000_000, completed.Root.EndedAt - completed.Root.StartedAt);
        Assert.Equal(1, engine.Counters.TrailsKeptByTail.Value);
    }

    [Fact]
    public void ATrailJustUnderTheSlowThresholdIsDropped()
    {
        var engine = StartWithTail(NeverGate.Instance);
        var root = engine.Recorder.OpenTrail("almost slow");
        _clock.Advance(999_999);
        root.Close();
        AwaitCondition(() => engine.Counters.TrailsDroppedByTail.Value == 1);
    }

    [Fact]
    public void AnAbandonedTrailCountsAsAnErrorAndIsKept()
    {
        var engine = StartWithTail(NeverGate.Instance);
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("run");
        root.Close(ProbeStatus.Abandoned);
        Assert.Equal(ProbeStatus.Abandoned, completions.ExpectMsg<TrailCompleted>().Root.Status);
    }

    [Fact]
    public void AHeadSampledTrailIsKeptWhateverHappenedInIt()
    {
        var engine = StartWithTail(AlwaysGate.Instance);
        var completions = Subscribe<TrailCompleted>();
        var root = engine.Recorder.OpenTrail("ordinary");
        root.Close();
        Assert.Equal(root.TrailId, completions.ExpectMsg<TrailCompleted>().TrailId);
        Assert.Equal(1, engine.Counters.TrailsKeptByTail.Value);
        Assert.Equal(0, engine.Counters.TrailsDroppedByTail.Value);
    }

    [Fact]
    public void TheConfiguredHeadRatioDecidesByTrailId()
    {
        var policy = new TailSamplingPolicy(false, TimeSpan.Zero, new RatioGate(0.5));
        var admitted = 0;
        for (var i = 0; i < 2000; i++)
        {
            var id = Contracts.Ids.TrailId.New();
            var root = new Probe(Contracts.Ids.ProbeId.New(), id, null, ProbeKind.Run, "r", 0, 1, ProbeStatus.Ok, ProbeAttributes.Empty, null);
            var keep = policy.Keep(id, root, [root]);
            Assert.Equal(new RatioGate(0.5).Verdict(id), keep);
            if (keep) admitted++;
        }
        Assert.InRange(admitted, 850, 1150);
    }
}
