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

    [Fact]
    public async Task ATellThatRecordsIntoTheSameTrailOnTheSameThreadDoesNotDeadlock()
    {
        // What a calling-thread dispatcher can do: the trail's Tell runs code that records into the same trail.
        var reentrant = new ReentrantRef();
        var link = new TrailLink(reentrant, TrailId.New(), new CodeSight.Engine.Clock.ManualClock());
        reentrant.Link = link;
        var outer = await Task.Run(() => LiveProbeHandle.Open(link, null, ProbeKind.Run, "outer", null)).WaitAsync(TimeSpan.FromSeconds(10));
        // The outer open, then the nested probe's open, told from inside the first tell.
        Assert.Equal(2, reentrant.Told.Count);
        Assert.Same(outer, reentrant.Told[0]);
        Assert.Equal("nested", Assert.IsType<LiveProbeHandle>(reentrant.Told[1]).Name);
        // And the lock was released: the next tell goes through.
        outer.Fail(new ProbeFault("boom"));
        Assert.Equal(3, reentrant.Told.Count);
    }

    private sealed class ReentrantRef : CodeSight.Actors.IActorRef
    {
        public TrailLink? Link { get; set; }

        public List<object> Told { get; } = new();

        public CodeSight.Actors.ActorPath Path => throw new NotSupportedException();

        public void Tell(object message, CodeSight.Actors.IActorRef? sender)
        {
            Told.Add(message);
            if (Told.Count == 1) LiveProbeHandle.Open(Link!, null, ProbeKind.Tool, "nested", null);
        }

        public bool Equals(CodeSight.Actors.IActorRef? other) => ReferenceEquals(this, other);
    }
}
