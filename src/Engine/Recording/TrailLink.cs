using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Trails;

namespace CodeSight.Engine.Recording;

/// <summary>
/// What every live handle of one trail shares: the trail's shard, its id and the clock. One per running trail (the
/// engine's registry of running trails holds it, so <c>Scope</c> finds the same one), and every recorder message of
/// the trail is told through it, which lets it know which message was told last: a probe whose open is still the
/// last message of its trail, and not yet applied, is closed by that open message itself (no close message).
/// </summary>
internal sealed class TrailLink(IActorRef trail, TrailId trailId, IEngineClock clock, bool scopeActivities = false,
    TrailRegistry? registry = null, bool registered = true)
{
    // Whether this link is in the registry (or has none: then it never needs to be). A link the recorder
    // minted a trail with starts unregistered: its shard registers it when the trail starts, and the recording
    // thread only if the id leaves the recorder first (EnsureRegistered). Both are set once and never cleared.
    private int _registered = registered || registry is null ? 1 : 0;
    // Set by the trail's shard when the trail has ended, before it removes the trail from the registry.
    private int _ended;

    // The last message told through this link when it was a probe's open, else null. Guarded by _busy: the tell and
    // this field change together, so whoever holds it sees exactly what the mailbox ends with.
    private LiveProbeHandle? _lastOpen;

    // A small spin lock (1 = held) instead of lock(this): it is held only around one enqueue, which never blocks, and
    // taking and releasing it is one compare-and-swap and one store, where Monitor's fast paths are calls into the
    // runtime that look up the current thread (a fifth to a third of the caller's time in quick-child).
    private int _busy;
    // The managed thread id of the holder (0 when free), to let a nested call on the holder's own thread through.
    private int _owner;

    public IActorRef Trail { get; } = trail;

    public TrailId TrailId { get; } = trailId;

    public IEngineClock Clock { get; } = clock;

    // Whether each probe opened through this link becomes Activity.Current (Recorder.ProbesAsActivities, read once per trail).
    public bool ScopeActivities { get; } = scopeActivities;

    /// <summary>
    /// Makes sure the registry holds this link before the trail's id leaves the recorder (a caller reads it, or an
    /// Activity or an observation carries it): whoever then scopes the id finds this link, even before the shard has
    /// started the trail. A trail that has ended is not registered again.
    /// </summary>
    public void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered) != 0) return;
        registry!.TryAdd(this);
        Volatile.Write(ref _registered, 1);
        // Against MarkEnded: each side writes its flag, fences, then reads the other's; so either the shard's removal
        // comes after this addition and removes it, or this sees the trail ended and removes it itself.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _ended) != 0) registry!.Remove(this);
    }

    /// <summary>Called by the trail's shard when the trail has ended, right before it removes the trail from the registry.</summary>
    public void MarkEnded()
    {
        Volatile.Write(ref _ended, 1);
        Interlocked.MemoryBarrier();
    }

    /// <summary>Tells a probe's open.</summary>
    public void TellOpen(LiveProbeHandle handle)
    {
        var taken = Enter();
        try
        {
            Trail.Tell(handle, null);
            _lastOpen = handle;
        }
        finally
        {
            Exit(taken);
        }
    }

    /// <summary>Tells any other message of the trail (a note, a failure).</summary>
    public void Tell(object message)
    {
        var taken = Enter();
        try
        {
            Trail.Tell(message, null);
            _lastOpen = null;
        }
        finally
        {
            Exit(taken);
        }
    }

    /// <summary>
    /// Closes a probe: when nothing was told after its open and the shard has not applied that open yet, the open
    /// carries the close and nothing is told; otherwise the handle is told again as its close.
    /// </summary>
    public void TellClose(LiveProbeHandle handle)
    {
        var taken = Enter();
        try
        {
            if (ReferenceEquals(_lastOpen, handle) && handle.TryCloseWithOpen()) return;
            Trail.Tell(handle, null);
            _lastOpen = null;
        }
        finally
        {
            Exit(taken);
        }
    }

    // Returns false when this thread already holds it (a tell that recorded into the same trail synchronously, as a
    // calling-thread dispatcher can): the nested call then goes ahead without taking it, as Monitor would let it.
    private bool Enter()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            _owner = Environment.CurrentManagedThreadId;
            return true;
        }
        return EnterContended();
    }

    private bool EnterContended()
    {
        var me = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref _owner) == me && Volatile.Read(ref _busy) != 0) return false;
        // Another thread of this trail is enqueueing right now: wait for it by spinning and yielding (never sleeping).
        var spin = new SpinWait();
        do
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
        while (Volatile.Read(ref _busy) != 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0);
        _owner = me;
        return true;
    }

    private void Exit(bool taken)
    {
        if (!taken) return;
        _owner = 0;
        Volatile.Write(ref _busy, 0);
    }
}
