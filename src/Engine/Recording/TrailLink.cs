using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Engine.Clock;

namespace CodeSight.Engine.Recording;

/// <summary>
/// What every live handle of one trail shares: the trail's shard, its id and the clock. One per running trail (the
/// engine's registry of running trails holds it, so <c>Scope</c> finds the same one), and every recorder message of
/// the trail is told through it, which lets it know which message was told last: a probe whose open is still the
/// last message of its trail, and not yet applied, is noted and closed by that open message itself (no note or close
/// message).
/// </summary>
internal sealed class TrailLink(IActorRef trail, TrailId trailId, IEngineClock clock, bool scopeActivities = false)
{
    // The last message told through this link when it was a probe's open, else null. Guarded by lock(this): the tell
    // and this field change together, so whoever holds the lock sees exactly what the mailbox ends with.
    private LiveProbeHandle? _lastOpen;

    public IActorRef Trail { get; } = trail;

    public TrailId TrailId { get; } = trailId;

    public IEngineClock Clock { get; } = clock;

    // Whether each probe opened through this link becomes Activity.Current (Recorder.ProbesAsActivities, read once per trail).
    public bool ScopeActivities { get; } = scopeActivities;

    /// <summary>Tells a probe's open.</summary>
    public void TellOpen(LiveProbeHandle handle)
    {
        lock (this)
        {
            Trail.Tell(handle, null);
            _lastOpen = handle;
        }
    }

    /// <summary>Tells any other message of the trail (a note, a failure).</summary>
    public void Tell(object message)
    {
        lock (this)
        {
            Trail.Tell(message, null);
            _lastOpen = null;
        }
    }

    /// <summary>
    /// Tells a probe's note: when nothing was told after the probe's open and the shard has not applied that open yet,
    /// the note rides along with the open and nothing is told.
    /// </summary>
    public void TellNote(LiveProbeHandle handle, ProbeNoted note)
    {
        lock (this)
        {
            if (ReferenceEquals(_lastOpen, handle) && handle.TryRideWithOpen(note)) return;
            Trail.Tell(note, null);
            _lastOpen = null;
        }
    }

    /// <summary>
    /// Closes a probe: when nothing was told after its open and the shard has not applied that open yet, the open
    /// carries the close and nothing is told; otherwise the handle is told again as its close.
    /// </summary>
    public void TellClose(LiveProbeHandle handle)
    {
        lock (this)
        {
            if (ReferenceEquals(_lastOpen, handle) && handle.TryCloseWithOpen()) return;
            Trail.Tell(handle, null);
            _lastOpen = null;
        }
    }
}
