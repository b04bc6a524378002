using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Recording;

/// <summary>
/// A probe noted or closed while its open is still the last message of its trail, not yet applied, is noted and closed
/// by that open: one message instead of several. In every other case notes and the close travel on their own, after
/// whatever came before them.
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
        Assert.True(probe.TakeRiders(out var notes));
        Assert.Null(notes);
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
        Assert.False(first.TakeRiders(out _));
        Assert.False(first.TakeOpen());
    }

    [Fact]
    public void NotesAndTheCloseRideAlongWithAnUnappliedOpenInTheOrderTheyWereMade()
    {
        var (link, trail) = NewLink();
        var probe = LiveProbeHandle.Open(link, null, ProbeKind.Tool, "noted", null);
        probe.Note("k", 1L);
        probe.Note("k", 2L);
        probe.Close(ProbeStatus.Error);

        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        trail.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.True(probe.TakeOpen());
        Assert.True(probe.TakeRiders(out var notes));
        Assert.NotNull(notes);
        Assert.Equal(1L, notes.Attributes["k"]);
        Assert.NotNull(notes.Next);
        Assert.Equal(2L, notes.Next.Attributes["k"]);
        Assert.Null(notes.Next.Next);
        Assert.Equal(ProbeStatus.Error, probe.CloseStatus);
    }

    [Fact]
    public void ANoteAfterAnotherMessageTravelsOnItsOwnAndSoDoesTheClose()
    {
        var (link, trail) = NewLink();
        var first = LiveProbeHandle.Open(link, null, ProbeKind.Run, "first", null);
        var second = LiveProbeHandle.Open(link, first.Id, ProbeKind.Tool, "second", null);
        first.Note("k", 1L);
        first.Close();

        Assert.Same(first, trail.ExpectMsg<LiveProbeHandle>());
        Assert.Same(second, trail.ExpectMsg<LiveProbeHandle>());
        var note = trail.ExpectMsg<ProbeNoted>();
        Assert.Same(first, note.Probe);
        Assert.Null(note.Next);
        Assert.Same(first, trail.ExpectMsg<LiveProbeHandle>());
        Assert.True(first.TakeOpen());
        Assert.False(first.TakeRiders(out var notes));
        Assert.Null(notes);
    }

    [Fact]
    public void NotesAfterTheOpenWasAppliedTravelOnTheirOwnAfterTheOnesThatRode()
    {
        var (link, trail) = NewLink();
        var probe = LiveProbeHandle.Open(link, null, ProbeKind.Tool, "applied", null);
        probe.Note("k", 1L);
        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        Assert.True(probe.TakeOpen());
        Assert.False(probe.TakeRiders(out var notes));
        Assert.Equal(1L, notes!.Attributes["k"]);

        probe.Note("k", 2L);
        probe.Close();
        var late = trail.ExpectMsg<ProbeNoted>();
        Assert.Equal(2L, late.Attributes["k"]);
        Assert.Null(late.Next);
        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        Assert.False(probe.TakeOpen());
    }

    [Fact]
    public void AnOpenAlreadyAppliedByTheTrailMakesTheCloseTravelOnItsOwn()
    {
        var (link, trail) = NewLink();
        var probe = LiveProbeHandle.Open(link, null, ProbeKind.Tool, "applied", null);
        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        // What the trail actor does on the first delivery: apply the open, then ask whether the close rode along.
        Assert.True(probe.TakeOpen());
        Assert.False(probe.TakeRiders(out _));

        probe.Close();
        Assert.Same(probe, trail.ExpectMsg<LiveProbeHandle>());
        Assert.False(probe.TakeOpen());
    }
}
