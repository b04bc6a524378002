using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Clock;

namespace CodeSight.Engine.Recording;

/// <summary>The handle of a recorded probe: each call stamps the time and tells the trail's actor.</summary>
internal sealed class LiveProbeHandle(IActorRef trail, IEngineClock clock, TrailId trailId, ProbeId id) : ProbeHandle
{
    private int _closed;

    public override bool IsRecording => true;

    public override ProbeId Id => id;

    public override TrailId TrailId => trailId;

    public override ProbeHandle Child(ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var child = ProbeId.New();
        trail.Tell(new OpenProbe(trailId, child, id, kind, name, attributes ?? ProbeAttributes.Empty, clock.NowMicros()), null);
        return new LiveProbeHandle(trail, clock, trailId, child);
    }

    public override void Note(IReadOnlyDictionary<string, object?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (Volatile.Read(ref _closed) != 0) return;
        trail.Tell(new UpdateProbe(trailId, id, attributes, clock.NowMicros()), null);
    }

    public override void Note(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Volatile.Read(ref _closed) != 0) return;
        trail.Tell(new UpdateProbe(trailId, id, new SingleAttribute(key, value), clock.NowMicros()), null);
    }

    public override void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Volatile.Read(ref _closed) != 0) return;
        trail.Tell(new FailProbe(trailId, id, ProbeFault.From(exception), clock.NowMicros()), null);
    }

    public override void Fail(ProbeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (Volatile.Read(ref _closed) != 0) return;
        trail.Tell(new FailProbe(trailId, id, fault, clock.NowMicros()), null);
    }

    public override void Close(ProbeStatus? status = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        trail.Tell(new CloseProbe(trailId, id, status, clock.NowMicros()), null);
    }
}
