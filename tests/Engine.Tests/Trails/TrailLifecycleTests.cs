using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Trails;

/// <summary>The rules a trail actor enforces on the messages of its probes, driven through the router as a host actor would.</summary>
public sealed class TrailLifecycleTests : EngineTestKit
{
    private readonly CodeSightEngine _engine;
    private readonly TestKit.TestProbe _signals;
    private readonly TrailId _trail = TrailId.New();
    private readonly ProbeId _root = ProbeId.New();
    private readonly ProbeId _child = ProbeId.New();

    public TrailLifecycleTests()
    {
        _engine = StartEngine();
        _signals = Subscribe<Signal>();
    }

    private void Send(object message) => _engine.Router.Tell(message, null);

    private void OpenRootAndChild()
    {
        Send(Open(_trail, _root, null, 100, "run", kind: ProbeKind.Run));
        Send(Open(_trail, _child, _root, 110, "tool", kind: ProbeKind.Tool));
        Expect<OpenSignal>(_signals, _root);
        Expect<OpenSignal>(_signals, _child);
    }

    [Fact]
    public void AProbeGoesFromOpenThroughUpdateAndFailToAnErrorClose()
    {
        Send(Open(_trail, _root, null, 100, "run", new Dictionary<string, object?> { ["seed"] = 7 }, ProbeKind.Run));
        var opened = Expect<OpenSignal>(_signals, _root);
        Assert.Equal(ProbeStatus.Open, opened.Probe.Status);
        Assert.Equal(100, opened.At);
        Assert.Equal(100, opened.Probe.StartedAt);
        Assert.Null(opened.Probe.EndedAt);
        Assert.Equal(7, opened.Probe.Attributes["seed"]);

        Send(Update(_trail, _root, 120, ("step", 1), ("seed", 8)));
        var updated = Expect<UpdateSignal>(_signals, _root);
        Assert.Equal(120, updated.At);
        Assert.Equal(8, updated.Probe.Attributes["seed"]);
        Assert.Equal(1, updated.Probe.Attributes["step"]);
        Assert.Equal(ProbeStatus.Open, updated.Probe.Status);

        Send(new FailProbe(_trail, _root, new ProbeFault("it broke", "System.InvalidOperationException", "at Somewhere()"), 130));
        var failed = Expect<UpdateSignal>(_signals, _root);
        Assert.Equal("it broke", failed.Probe.Fault?.Message);
        Assert.Equal(ProbeStatus.Open, failed.Probe.Status);

        Send(Close(_trail, _root, 140));
        var closed = Expect<CloseSignal>(_signals, _root);
        Assert.Equal(ProbeStatus.Error, closed.Probe.Status);
        Assert.Equal(140, closed.Probe.EndedAt);
        Assert.Equal(140, closed.At);
        Assert.Equal(2, closed.Probe.Attributes.Count);
        var record = TraceRecord.FromProbe(closed.Probe);
        Assert.Equal(new ProbeFault("it broke", "System.InvalidOperationException", "at Somewhere()"), record.Error);
    }

    [Fact]
    public void AProbeWithoutAFailureClosesOk()
    {
        Send(Open(_trail, _root, null, 100));
        Expect<OpenSignal>(_signals, _root);
        Send(Close(_trail, _root, 150));
        var closed = Expect<CloseSignal>(_signals, _root);
        Assert.Equal(ProbeStatus.Ok, closed.Probe.Status);
        Assert.Null(closed.Probe.Fault);
    }

    [Fact]
    public void AnExplicitStatusWinsOverTheDefault()
    {
        Send(Open(_trail, _root, null, 100));
        Send(Close(_trail, _root, 150, ProbeStatus.Abandoned));
        Expect<OpenSignal>(_signals, _root);
        Assert.Equal(ProbeStatus.Abandoned, Expect<CloseSignal>(_signals, _root).Probe.Status);
    }

    [Fact]
    public void ACloseStampedBeforeTheOpenEndsAtTheStart()
    {
        Send(Open(_trail, _root, null, 100));
        Send(Close(_trail, _root, 90));
        Expect<OpenSignal>(_signals, _root);
        Assert.Equal(100, Expect<CloseSignal>(_signals, _root).Probe.EndedAt);
    }

    [Fact]
    public void ReservedFaultAttributesAreLiftedIntoTheFaultAndNeverSurfaceAsAttributes()
    {
        OpenRootAndChild();
        Send(Update(_trail, _child, 120, ("tokens", 12), (ProbeAttributes.FaultMessageKey, "tool timed out"),
            (ProbeAttributes.FaultNameKey, "TimeoutError")));
        var updated = Expect<UpdateSignal>(_signals, _child);
        Assert.Equal(new ProbeFault("tool timed out", "TimeoutError"), updated.Probe.Fault);
        Assert.Equal(["tokens"], updated.Probe.Attributes.Keys);

        Send(Close(_trail, _child, 130));
        var closed = Expect<CloseSignal>(_signals, _child);
        Assert.Equal(ProbeStatus.Error, closed.Probe.Status);
        Assert.DoesNotContain(closed.Probe.Attributes.Keys, ProbeAttributes.IsReserved);
    }

    [Fact]
    public void ASecondCloseIsIgnoredAndCounted()
    {
        OpenRootAndChild();
        Send(Close(_trail, _child, 120));
        Send(Close(_trail, _child, 125, ProbeStatus.Error));
        var closed = Expect<CloseSignal>(_signals, _child);
        Assert.Equal(ProbeStatus.Ok, closed.Probe.Status);
        Assert.Equal(120, closed.Probe.EndedAt);

        // The root's close is handled after the repeated close, so its signal is the barrier for the counter.
        Send(Close(_trail, _root, 130));
        Expect<CloseSignal>(_signals, _root);
        Assert.Equal(1, _engine.Counters.RepeatedCloses.Value);
        Assert.Equal(2, _engine.Counters.ProbesClosed.Value);
    }

    [Fact]
    public void UpdatesAndFailuresAfterCloseAreIgnoredAndCounted()
    {
        OpenRootAndChild();
        Send(Close(_trail, _child, 120));
        Send(Update(_trail, _child, 121, ("late", true)));
        Send(new FailProbe(_trail, _child, new ProbeFault("late failure"), 122));
        Send(Update(_trail, _root, 123, ("barrier", true)));
        Expect<CloseSignal>(_signals, _child);
        Expect<UpdateSignal>(_signals, _root);
        Assert.Equal(2, _engine.Counters.UpdatesAfterClose.Value);
    }

    [Fact]
    public void MessagesForUnknownProbeIdsAreIgnoredAndCounted()
    {
        OpenRootAndChild();
        var stranger = ProbeId.New();
        Send(Update(_trail, stranger, 120, ("x", 1)));
        Send(new FailProbe(_trail, stranger, new ProbeFault("no such probe"), 121));
        Send(Close(_trail, stranger, 122));
        Send(Update(_trail, _root, 123, ("barrier", true)));
        Expect<UpdateSignal>(_signals, _root);
        Assert.Equal(3, _engine.Counters.UnknownProbeMessages.Value);
    }

    [Fact]
    public void AChildWhoseParentIsNotInTheTrailIsRejected()
    {
        OpenRootAndChild();
        var orphan = ProbeId.New();
        Send(Open(_trail, orphan, ProbeId.New(), 120, "orphan"));
        Send(Update(_trail, _root, 123, ("barrier", true)));
        Expect<UpdateSignal>(_signals, _root);
        Assert.Equal(1, _engine.Counters.RejectedOpens.Value);

        Send(Close(_trail, orphan, 130));
        Send(Update(_trail, _root, 131, ("barrier", false)));
        Expect<UpdateSignal>(_signals, _root);
        Assert.Equal(1, _engine.Counters.UnknownProbeMessages.Value);
    }

    [Fact]
    public void ASecondRootIsRejected()
    {
        OpenRootAndChild();
        Send(Open(_trail, ProbeId.New(), null, 120, "another root"));
        Send(Update(_trail, _root, 123, ("barrier", true)));
        Expect<UpdateSignal>(_signals, _root);
        Assert.Equal(1, _engine.Counters.RejectedOpens.Value);
        Assert.Equal(2, _engine.Counters.ProbesOpened.Value);
    }

    [Fact]
    public void ADuplicateProbeIdIsRejected()
    {
        OpenRootAndChild();
        Send(Open(_trail, _child, _root, 120, "same id again"));
        Send(Update(_trail, _root, 123, ("barrier", true)));
        Expect<UpdateSignal>(_signals, _root);
        Assert.Equal(1, _engine.Counters.RejectedOpens.Value);
    }
}
