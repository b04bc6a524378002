using CodeSight.Contracts.Ids;
using CodeSight.Engine.Activities;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;

namespace CodeSight.Engine.Recording;

/// <summary>
/// The handle of a recorded probe: each call stamps the time and tells the trail's actor. The handle is also the
/// probe's open message — it carries everything an <see cref="OpenProbe"/> would — so opening a probe allocates one
/// object, not two; notes and the close travel as <see cref="ProbeNoted"/> and <see cref="ProbeClosing"/>.
/// </summary>
internal sealed class LiveProbeHandle : ProbeHandle
{
    private const int NoStatus = -1;
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private readonly TrailLink _link;
    private readonly ProbeId _id;
    private int _closed;
    private int _closeStatus = NoStatus;
    private long _closedAt;
    private ProbeActivityScope? _scope;

    private LiveProbeHandle(TrailLink link, ProbeId id, ProbeId? parentId, ProbeKind kind, string name,
        IReadOnlyDictionary<string, object?> attributes, long openedAt)
    {
        _link = link;
        _id = id;
        ParentId = parentId;
        Kind = kind;
        Name = name;
        Attributes = attributes;
        OpenedAt = openedAt;
    }

    /// <summary>Mints a probe, tells its trail to open it and returns its handle.</summary>
    public static LiveProbeHandle Open(TrailLink link, ProbeId? parentId, ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes)
    {
        var handle = new LiveProbeHandle(link, ProbeId.New(), parentId, kind, name, attributes ?? ProbeAttributes.Empty, link.Clock.NowMicros());
        if (link.ScopeActivities) handle._scope = ProbeActivityScope.Enter(link.TrailId, handle._id, parentId, name, handle.OpenedAt);
        link.Trail.Tell(handle, null);
        return handle;
    }

    public override bool IsRecording => true;

    public override ProbeId Id => _id;

    public override TrailId TrailId => _link.TrailId;

    // The open request, read by the trail actor when it receives the handle itself.
    public ProbeId? ParentId { get; }

    public ProbeKind Kind { get; }

    public string Name { get; }

    public IReadOnlyDictionary<string, object?> Attributes { get; }

    public long OpenedAt { get; }

    // The close request, read by the trail actor when it receives ProbeClosing (written before it was told).
    public ProbeStatus? CloseStatus => _closeStatus == NoStatus ? null : (ProbeStatus)_closeStatus;

    public long ClosedAt => _closedAt;

    public override ProbeHandle Child(ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Open(_link, _id, kind, name, attributes);
    }

    public override void Note(IReadOnlyDictionary<string, object?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (Volatile.Read(ref _closed) != 0) return;
        _link.Trail.Tell(new ProbeNoted(this, attributes, _link.Clock.NowMicros()), null);
    }

    public override void Note(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Volatile.Read(ref _closed) != 0) return;
        _link.Trail.Tell(new ProbeNoted(this, new SingleAttribute(key, value), _link.Clock.NowMicros()), null);
    }

    public override void Note(string key, long value) => Note(key, (object)value);

    public override void Note(string key, double value) => Note(key, (object)value);

    public override void Note(string key, bool value) => Note(key, value ? BoxedTrue : BoxedFalse);

    public override void Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Volatile.Read(ref _closed) != 0) return;
        _link.Trail.Tell(new FailProbe(_link.TrailId, _id, ProbeFault.From(exception), _link.Clock.NowMicros()), null);
    }

    public override void Fail(ProbeFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (Volatile.Read(ref _closed) != 0) return;
        _link.Trail.Tell(new FailProbe(_link.TrailId, _id, fault, _link.Clock.NowMicros()), null);
    }

    public override void Close(ProbeStatus? status = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _closeStatus = status is { } s ? (int)s : NoStatus;
        _closedAt = _link.Clock.NowMicros();
        _scope?.Exit(_closedAt);
        _link.Trail.Tell(new ProbeClosing(this), null);
    }
}
