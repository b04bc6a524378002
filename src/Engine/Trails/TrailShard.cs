using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Engine.Recording;

namespace CodeSight.Engine.Trails;

/// <summary>
/// Hosts the <see cref="TrailActor"/>s of many trails (<c>/user/codesight/trails/shard-N</c>); a trail always lives
/// in the shard its id maps to (<see cref="IndexOf"/>). Every message for a trail goes through this shard's mailbox,
/// so a trail sees its messages in the order they were told and one at a time, as if it had a mailbox of its own;
/// trails of one shard take turns in arrival order. Starting a trail is adding an entry, ending it removing one, and
/// ended trail actors are kept for reuse: short trails pay no spawn and no stop.
/// A trail actor that throws is dropped (its probes are lost) and counted in <c>TrailFailures</c>; the shard and its
/// other trails carry on.
/// </summary>
internal sealed class TrailShard(TrailContext context) : ActorBase
{
    // Ended trail actors kept for reuse, up to this many, and only if they stayed small.
    private const int SpareLimit = 64;
    private const int SpareProbeCapacity = 128;

    private readonly Dictionary<TrailId, TrailActor> _trails = new();
    private readonly Stack<TrailActor> _spare = new();

    /// <summary>Which of <paramref name="shards"/> shards holds <paramref name="trailId"/>.</summary>
    public static int IndexOf(TrailId trailId, int shards) =>
        // The low bits of a random id are uniform; a parsed id from elsewhere is random too (W3C asks for it).
        (int)((trailId.Low ^ (trailId.Low >> 32) ^ trailId.High) % (uint)shards);

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case LiveProbeHandle handle:
                Deliver(handle.RoutingTrailId, handle, handle.StartsTrail ? handle.Link : null);
                return true;
            case ProbeNoted note:
                Deliver(note.Probe.RoutingTrailId, note);
                return true;
            case OpenProbe open:
                Deliver(open.TrailId, open);
                return true;
            case UpdateProbe update:
                Deliver(update.TrailId, update);
                return true;
            case FailProbe fail:
                Deliver(fail.TrailId, fail);
                return true;
            case CloseProbe close:
                Deliver(close.TrailId, close);
                return true;
            case TrailStart start:
                if (!_trails.ContainsKey(start.TrailId)) Start(start.TrailId, start.Continued, link: null);
                return true;
            case CheckIdle:
                Reap();
                return true;
            default:
                return false;
        }
    }

    protected override void PostStop()
    {
        // Stopped (or restarted after a fault outside any trail): the trails held here are gone; say so.
        foreach (var trail in _trails.Values)
        {
            End(trail);
            if (!trail.IsCompleted) context.Counters.TrailFailures.Increment();
        }
        _trails.Clear();
    }

    // A trail the recorder minted comes with its link (the root handle's): registered here, before the trail emits a
    // signal that shows its id, unless the recorder registered it already (TrailRegistry). Trails started any other way
    // were registered by whoever started them.
    private TrailActor Start(TrailId trailId, bool continued, TrailLink? link)
    {
        var trail = _spare.Count > 0 ? _spare.Pop() : new TrailActor(context);
        trail.Begin(trailId, continued, link);
        _trails.Add(trailId, trail);
        if (link is not null) context.Running.TryAdd(link);
        return trail;
    }

    /// <param name="trailId">The trail the message is for.</param>
    /// <param name="message">The message.</param>
    /// <param name="starts">The link of the trail this message starts (a minted trail's root open), else null.</param>
    private void Deliver(TrailId trailId, object message, TrailLink? starts = null)
    {
        if (!_trails.TryGetValue(trailId, out var trail))
        {
            if (starts is null)
            {
                // The trail ended (completed, abandoned or failed) before this message arrived.
                context.Counters.MessagesForUnknownTrails.Increment();
                // A handle's first delivery is its open: settle it as the trail would have, so that its close counts too,
                // here when it rode along with the open, or when it arrives on its own.
                if (message is LiveProbeHandle handle && handle.TakeOpen() && handle.ClosedWithOpen())
                {
                    context.Counters.MessagesForUnknownTrails.Increment();
                }
                return;
            }
            trail = Start(trailId, continued: false, starts);
        }
        try
        {
            trail.Receive(message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // What the supervisor did for a trail with an actor of its own: stop it, count it, keep the others going.
            context.Counters.TrailFailures.Increment();
            Retire(trail, reuse: false);
            return;
        }
        if (trail.IsCompleted) Retire(trail, reuse: true);
    }

    private void Reap()
    {
        var now = context.Clock.NowMicros();
        List<(TrailActor Trail, bool Failed)>? ended = null;
        foreach (var trail in _trails.Values)
        {
            try
            {
                trail.AbandonIfIdle(now);
                if (trail.IsCompleted) (ended ??= new()).Add((trail, false));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                context.Counters.TrailFailures.Increment();
                (ended ??= new()).Add((trail, true));
            }
        }
        if (ended is null) return;
        foreach (var (trail, failed) in ended) Retire(trail, reuse: !failed);
    }

    private void Retire(TrailActor trail, bool reuse)
    {
        _trails.Remove(trail.TrailId);
        End(trail);
        if (reuse && _spare.Count < SpareLimit && trail.ProbeCapacity <= SpareProbeCapacity) _spare.Push(trail);
    }

    // A trail leaves the registry of running trails and is counted as ended.
    private void End(TrailActor trail)
    {
        // Marked first, so that a recorder registering the id right now removes it again (TrailLink.EnsureRegistered).
        trail.Link?.MarkEnded();
        // Only this trail holds this id while it runs, so removing by key is exact.
        context.Running.Remove(trail.TrailId);
        context.Counters.TrailsEnded.Increment();
    }
}
