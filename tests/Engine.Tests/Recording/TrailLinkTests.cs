using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Recording;

/// <summary>
/// A probe closed while its open is still the last message of its trail, not yet applied, is closed by that open:
/// one message instead of two. In every other case the close travels on its own, after whatever came before it.
/// </summary>
public sealed class TrailLinkTests : EngineTestKit
{
    private (TrailLink Link, CodeSight.TestKit.TestProbe Trail) NewLink()
    {
        var trail = CreateTestProbe();
        return (new TrailLink(trail.Ref, TrailId.New(), new CodeSight.Engine.Clock.ManualClock()), trail);
    }

    [Fact]
    public void AProbeClosedRightAfterItsUnappliedOpenTellsOneMessageThatCarriesTheClose()
    {
        var (link, trail) = NewLink();
        var probe = LiveProbeHandle.Open(link, null, ProbeKind.Tool, "quick", null);
        probe.Close();

        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        trail.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.True(probe.TakeOpen());
        Assert.True(probe.ClosedWithOpen());
        Assert.Equal(ProbeStatus.Ok, probe.CloseStatus ?? ProbeStatus.Ok);
    }

    [Fact]
    public void AMessageToldAfterTheOpenMakesTheCloseTravelOnItsOwn()
    {
        var (link, trail) = NewLink();
        var first = LiveProbeHandle.Open(link, null, ProbeKind.Run, "first", null);
        var second = LiveProbeHandle.Open(link, first.Id, ProbeKind.Tool, "second", null);
        first.Close();

        Assert.Same(first, trail.ExpectMsg<LiveProbeHandle>());
        Assert.Same(second, trail.ExpectMsg<LiveProbeHandle>());
        Assert.Same(first, trail.ExpectMsg<LiveProbeHandle>());
        Assert.True(first.TakeOpen());
        Assert.False(first.ClosedWithOpen());
        Assert.False(first.TakeOpen());
    }

    [Fact]
    public void ANoteAfterTheOpenMakesTheCloseTravelOnItsOwn()
    {
        var (link, trail) = NewLink();
        var probe = LiveProbeHandle.Open(link, null, ProbeKind.Tool, "noted", null);
        probe.Note("k", 1L);
        probe.Close(ProbeStatus.Error);

        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        trail.ExpectMsg<ProbeNoted>();
        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        Assert.Equal(ProbeStatus.Error, probe.CloseStatus);
    }

    [Fact]
    public void AnOpenAlreadyAppliedByTheTrailMakesTheCloseTravelOnItsOwn()
    {
        var (link, trail) = NewLink();
        var probe = LiveProbeHandle.Open(link, null, ProbeKind.Tool, "applied", null);
        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        // What the trail actor does on the first delivery: apply the open, then ask whether the close rode along.
        Assert.True(probe.TakeOpen());
        Assert.False(probe.ClosedWithOpen());

        probe.Close();
        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        Assert.False(probe.TakeOpen());
    }
}
