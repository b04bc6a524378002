using CodeSight.Contracts.Ids;
using CodeSight.Engine.Activities;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Recording;

/// <summary>
/// The handle of a recorded probe: each call stamps the time and tells the trail's actor. The handle is also the
/// probe's open message — it carries everything an <see cref="OpenProbe"/> would — and, told a second time, its close
/// message (the status and time are written into it first), so a probe's open and close allocate one object, not
/// three; notes travel as <see cref="ProbeNoted"/>.
/// </summary>
internal sealed class LiveProbeHandle : ProbeHandle
{
    private const int NoStatus = -1;
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private readonly TrailLink _link;
    private readonly ProbeId _id;
    // A copy of the link's trail id: the shard reads it for every message of the probe, and reading it from the link
    // would pull the link's cache line (which the recording thread writes on every tell, under its lock) across cores.
    private readonly TrailId _trailId;
    private int _closed;
    private int _closeStatus = NoStatus;
    private long _closedAt;
    private ProbeActivityScope? _scope;
    // Read and written only by the trail's actor (one message at a time): whether it has applied the open yet, which
    // tells the first delivery of this handle (the open) from the second (the close).
    private bool _openTaken;
    // Where the open message stands: queued, applied by the trail's actor, or carrying the close as well. Moved by
    // compare-and-swap from both sides, so exactly one of "the actor applied the open" and "the close rode along" wins.
    private int _openState;
    private const int OpenQueued = 0;
    private const int OpenApplied = 1;
    private const int OpenCarriesClose = 2;

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

    /// <remarks>The id leaves the recorder here, so the trail is registered first (see <see cref="TrailLink.EnsureRegistered"/>).</remarks>
    public override TrailId TrailId
    {
        get
        {
            _link.EnsureRegistered();
            return _trailId;
        }
    }

    // The trail's id for the engine's own routing, which must not count as the id leaving the recorder.
    internal TrailId RoutingTrailId => _trailId;

    // The link the handle tells through: its shard registers it when this handle's open starts the trail.
    internal TrailLink Link => _link;

    // The open request, read by the trail actor when it receives the handle itself.
    public bool StartsTrail { get; }

    public ProbeId? ParentId { get; }

    public ProbeKind Kind { get; }

    public string Name { get; }

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public long OpenedAt { get; }

    // The close request, read by the trail actor when it receives this handle again (written before it was told).
    public ProbeStatus? CloseStatus => _closeStatus == NoStatus ? null : (ProbeStatus)_closeStatus;

    public long ClosedAt => _closedAt;

    /// <summary>Called by the trail's actor on each delivery: true the first time (the open), false after (the close).</summary>
    public bool TakeOpen()
    {
        if (_openTaken) return false;
        _openTaken = true;
        return true;
    }

    /// <summary>
    /// Called by the trail's actor right after it applied the open: true when the close rode along with it (no separate
    /// close message will come); otherwise marks the open applied, so the close will be told.
    /// </summary>
    public bool ClosedWithOpen() => Interlocked.CompareExchange(ref _openState, OpenApplied, OpenQueued) == OpenCarriesClose;

    /// <summary>Called under the link's lock on close: true when the still-queued open now carries the close too.</summary>
    public bool TryCloseWithOpen() => Interlocked.CompareExchange(ref _openState, OpenCarriesClose, OpenQueued) == OpenQueued;

    public override ProbeHandle Child(ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Open(_link, _id, kind, name, attributes);
    }

    public override void Note(IReadOnlyDictionary<string, object?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (Volatile.Read(ref _closed) != 0) return;
        _link.Tell(new ProbeNoted(this, attributes, _link.Clock.NowMicros()));
    }

    public override void Note(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Volatile.Read(ref _closed) != 0) return;
        _link.Tell(new ProbeNoted(this, new SingleAttribute(key, value), _link.Clock.NowMicros()));
    }

    public override void Note(string key, long value) => Note(key, (object)value);

    public override void Note(string key, double value) => Note(key, (object)value);

    public override void Note(string key, bool value) => Note(key, value ? BoxedTrue : BoxedFalse);

    public override void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Volatile.Read(ref _closed) != 0) return;
        _link.Tell(new FailProbe(_link.TrailId, _id, ProbeFault.From(exception), _link.Clock.NowMicros()));
    }

    public override void Fail(ProbeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (Volatile.Read(ref _closed) != 0) return;
        _link.Tell(new FailProbe(_link.TrailId, _id, fault, _link.Clock.NowMicros()));
    }

    public override void Close(ProbeStatus? status = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _closeStatus = status is { } s ? (int)s : NoStatus;
        _closedAt = _link.Clock.NowMicros();
        _scope?.Exit(_closedAt);
        _link.TellClose(this);
    }
}
