using CodeSight.Contracts.Ids;
using CodeSight.Engine.Activities;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Recording;

/// <summary>
/// The handle of a recorded probe: each call stamps the time and tells the trail's actor. The handle is also the
/// probe's open message — it carries everything an <see cref="OpenProbe"/> would — and, told a second time, its close
/// message (the status and time are written into it first), so a probe's open and close allocate one object, not
/// three; notes travel as <see cref="ProbeNoted"/>. While the open is the last message of its trail and not yet
/// applied, notes and the close ride along with it instead of being told (<see cref="TrailLink"/>): the trail's actor
/// applies them right after the open, which is where they would have been in the mailbox.
/// </summary>
internal sealed class LiveProbeHandle : ProbeHandle
{
    // _closeStatus: NotClosed while open; NoStatus or a ProbeStatus once closed (set once, by compare-and-swap, which
    // is also what makes Close idempotent).
    private const int NotClosed = -2;
    private const int NoStatus = -1;
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private readonly TrailLink _link;
    private readonly ProbeId _id;
    // A copy of the link's trail id: the shard reads it for every message of the probe, and reading it from the link
    // would pull the link's cache line (which the recording thread writes on every tell, under its lock) across cores.
    private readonly TrailId _trailId;
    private int _closeStatus = NotClosed;
    private long _closedAt;
    private ProbeActivityScope? _scope;
    // What rides along with the still-queued open, newest first: null (nothing), notes (ProbeNoted linked by Next),
    // this handle itself when the close rode along last (the notes told before it are then in _notesUnderClose), or
    // OpenApplied once the trail's actor took them. Callers push under the link's lock (one at a time) by
    // compare-and-swap; the actor swaps in OpenApplied, so each rider is either taken by the actor or refused.
    private object? _riders;
    private ProbeNoted? _notesUnderClose;
    private static readonly object OpenApplied = new();

    private LiveProbeHandle(TrailLink link, ProbeId id, ProbeId? parentId, ProbeKind kind, string name,
        IReadOnlyDictionary<string, object?> attributes, long openedAt, bool startsTrail)
    {
        StartsTrail = startsTrail;
        _link = link;
        _trailId = link.TrailId;
        _id = id;
        ParentId = parentId;
        Kind = kind;
        Name = name;
        Attributes = attributes;
        OpenedAt = openedAt;
    }

    /// <summary>
    /// Mints a probe, tells its trail to open it and returns its handle. <paramref name="startsTrail"/>: this is the
    /// root of a trail the recorder just minted, and its open also starts the trail in its shard.
    /// </summary>
    public static LiveProbeHandle Open(TrailLink link, ProbeId? parentId, ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes, bool startsTrail = false)
    {
        var handle = new LiveProbeHandle(link, ProbeId.New(), parentId, kind, name, attributes ?? ProbeAttributes.Empty, link.Clock.NowMicros(), startsTrail);
        if (link.ScopeActivities) handle._scope = ProbeActivityScope.Enter(link.TrailId, handle._id, parentId, name, handle.OpenedAt);
        link.TellOpen(handle);
        return handle;
    }

    public override bool IsRecording => true;

    public override ProbeId Id => _id;

    public override TrailId TrailId => _trailId;

    // The open request, read by the trail actor when it receives the handle itself.
    public bool StartsTrail { get; }

    public ProbeId? ParentId { get; }

    public ProbeKind Kind { get; }

    public string Name { get; }

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public long OpenedAt { get; }

    // The close request, read by the trail actor when it receives this handle again (written before it was told).
    public ProbeStatus? CloseStatus => _closeStatus < 0 ? null : (ProbeStatus)_closeStatus;

    public long ClosedAt => _closedAt;

    /// <summary>
    /// Called by the trail's actor on each delivery: true until it has taken the riders (<see cref="TakeRiders"/>, right
    /// after applying the open), so true for the first delivery (the open) and false for the second (the close).
    /// </summary>
    public bool TakeOpen() =>
        // Only the actor moves the riders to OpenApplied (in TakeRiders, right after it applied the open).
        !ReferenceEquals(Volatile.Read(ref _riders), OpenApplied);

    /// <summary>
    /// Called by the trail's actor right after it applied the open: hands over the notes that rode along with it, in
    /// the order they were made (linked by <see cref="ProbeNoted.Next"/>), and returns true when the close rode along
    /// too (no separate close message will come). Anything told after this travels on its own.
    /// </summary>
    public bool TakeRiders(out ProbeNoted? notes)
    {
        var taken = Interlocked.Exchange(ref _riders, OpenApplied);
        var closed = ReferenceEquals(taken, this);
        var top = closed ? _notesUnderClose : taken as ProbeNoted;
        // Pushed newest first: reverse in place (nobody else touches them any more).
        ProbeNoted? ordered = null;
        while (top is not null)
        {
            var next = top.Next;
            top.Next = ordered;
            ordered = top;
            top = next;
        }
        notes = ordered;
        return closed;
    }

    /// <summary>
    /// Called under the link's lock for a note while this probe's open is the last message told: true when the
    /// still-queued open now carries the note (the actor has not taken its riders, and the close has not ridden).
    /// </summary>
    public bool TryRideWithOpen(ProbeNoted note)
    {
        var current = Volatile.Read(ref _riders);
        if (ReferenceEquals(current, OpenApplied) || ReferenceEquals(current, this)) return false;
        note.Next = (ProbeNoted?)current;
        if (ReferenceEquals(Interlocked.CompareExchange(ref _riders, note, current), current)) return true;
        note.Next = null;
        return false;
    }

    /// <summary>Called under the link's lock on close: true when the still-queued open now carries the close too.</summary>
    public bool TryCloseWithOpen()
    {
        var current = Volatile.Read(ref _riders);
        if (ReferenceEquals(current, OpenApplied) || ReferenceEquals(current, this)) return false;
        _notesUnderClose = (ProbeNoted?)current;
        return ReferenceEquals(Interlocked.CompareExchange(ref _riders, this, current), current);
    }

    public override ProbeHandle Child(ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Open(_link, _id, kind, name, attributes);
    }

    public override void Note(IReadOnlyDictionary<string, object?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (Volatile.Read(ref _closeStatus) != NotClosed) return;
        _link.TellNote(this, new ProbeNoted(this, attributes, _link.Clock.NowMicros()));
    }

    public override void Note(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Volatile.Read(ref _closeStatus) != NotClosed) return;
        _link.TellNote(this, new ProbeNoted(this, new SingleAttribute(key, value), _link.Clock.NowMicros()));
    }

    public override void Note(string key, long value) => Note(key, (object)value);

    public override void Note(string key, double value) => Note(key, (object)value);

    public override void Note(string key, bool value) => Note(key, value ? BoxedTrue : BoxedFalse);

    public override void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Volatile.Read(ref _closeStatus) != NotClosed) return;
        _link.Tell(new FailProbe(_link.TrailId, _id, ProbeFault.From(exception), _link.Clock.NowMicros()));
    }

    public override void Fail(ProbeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (Volatile.Read(ref _closeStatus) != NotClosed) return;
        _link.Tell(new FailProbe(_link.TrailId, _id, fault, _link.Clock.NowMicros()));
    }

    public override void Close(ProbeStatus? status = null)
    {
        if (Interlocked.CompareExchange(ref _closeStatus, status is { } s ? (int)s : NoStatus, NotClosed) != NotClosed) return;
        _closedAt = _link.Clock.NowMicros();
        _scope?.Exit(_closedAt);
        _link.TellClose(this);
    }
}
