using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Tests.Support;
using ManualClock = CodeSight.Engine.Clock.ManualClock;

namespace CodeSight.Engine.Tests.Trails;

/// <summary>Trails that go quiet are ended by the reaper, measured on the engine's clock.</summary>
public sealed class IdleTimeoutTests : EngineTestKit
{
    private readonly ManualClock _clock = new();
    private readonly CodeSightEngine _engine;

    public IdleTimeoutTests()
        : base("codesight.engine.trail { idle-timeout = 10s, reap-interval = 20ms }") =>
        _engine = StartEngine(new EngineOptions { Clock = _clock });

    [Fact]
    public void AnIdleTrailAbandonsItsOpenProbesAndEnds()
    {
        var signals = Subscribe<Signal>();
        var completions = Subscribe<TrailCompleted>();
        var root = _engine.Recorder.OpenTrail("run");
        var done = root.Child(ProbeKind.Tool, "done");
        var stuck = root.Child(ProbeKind.Model, "stuck");
        done.Close();
        Expect<OpenSignal>(signals, root.Id);
        Expect<OpenSignal>(signals, done.Id);
        Expect<OpenSignal>(signals, stuck.Id);
        Expect<CloseSignal>(signals, done.Id);
        var startedAt = _clock.NowMicros();

        _clock.Advance(TimeSpan.FromSeconds(11));

        var rootClosed = Expect<CloseSignal>(signals, root.Id);
        var stuckClosed = Expect<CloseSignal>(signals, stuck.Id);
        Assert.Equal(ProbeStatus.Abandoned, rootClosed.Probe.Status);
        Assert.Equal(ProbeStatus.Abandoned, stuckClosed.Probe.Status);
        Assert.Equal(startedAt + 11_000_000, rootClosed.Probe.EndedAt);
        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal([ProbeStatus.Abandoned, ProbeStatus.Ok, ProbeStatus.Abandoned], completed.Probes.Select(p => p.Status));
        AwaitCondition(() => _engine.RunningTrails == 0);
        Assert.Equal(1, _engine.Counters.TrailsAbandoned.Value);
        Assert.Equal(1, _engine.Counters.TrailsCompleted.Value);
    }

    [Fact]
    public void ATrailIsNotAbandonedBeforeTheTimeout()
    {
        var completions = Subscribe<TrailCompleted>();
        var signals = Subscribe<Signal>();
        var root = _engine.Recorder.OpenTrail("run");
        Expect<OpenSignal>(signals, root.Id);
        _clock.Advance(TimeSpan.FromSeconds(9));
        // Several reap intervals pass in real time; the engine's clock says the trail is not idle long enough.
        completions.ExpectNoMsg(TimeSpan.FromMilliseconds(150));
        Assert.Equal(1, _engine.RunningTrails);

        // Activity resets the idle time: 9s more after a note is still within the timeout.
        root.Note("alive", true);
        Expect<UpdateSignal>(signals, root.Id);
        _clock.Advance(TimeSpan.FromSeconds(9));
        completions.ExpectNoMsg(TimeSpan.FromMilliseconds(150));
        Assert.Equal(0, _engine.Counters.TrailsAbandoned.Value);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ProbeStatus.Abandoned, completions.ExpectMsg<TrailCompleted>().Root.Status);
    }

    [Fact]
    public void AContinuedTrailWhoseRootNeverArrivedEndsWhenIdle()
    {
        var signals = Subscribe<Signal>();
        var scope = _engine.Recorder.Scope(Contracts.Ids.TrailId.New());
        var orphan = scope.Open(ProbeKind.Tool, "remote child", parent: Contracts.Ids.ProbeId.New());
        Expect<OpenSignal>(signals, orphan.Id);
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(ProbeStatus.Abandoned, Expect<CloseSignal>(signals, orphan.Id).Probe.Status);
        AwaitCondition(() => _engine.RunningTrails == 0);
    }
}
