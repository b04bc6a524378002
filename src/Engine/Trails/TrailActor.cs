using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine.Recording;

namespace CodeSight.Engine.Trails;

/// <summary>
/// One admitted trail. It owns the trail's probes and enforces their lifecycle: a child's parent must be in the
/// trail, a closed probe takes no more updates, close is idempotent, a failure marks the probe's fault and makes it
/// close as <c>error</c>. It publishes Open/Update/Close signals on the event stream in the order it applied them,
/// scrubbing secrets from attributes and faults on the way in. When the root and every probe are closed it
/// publishes <see cref="TrailCompleted"/> and ends; a trail idle past the timeout closes what is left open as
/// <c>abandoned</c> first, so no trail lives forever. Bad messages are counted, never thrown.
/// With tail sampling the signals are held back until completion and published only if the policy keeps the trail.
/// <para>
/// A trail actor is a lightweight actor hosted by a <see cref="TrailShard"/>: it has no mailbox or actor cell of its
/// own. Its shard's mailbox delivers its messages in the order they were told and runs it one message at a time, so
/// it keeps an actor's guarantees without a spawn and a stop per trail. When a trail ends its shard may reuse the
/// object for a later trail: <see cref="Begin"/> resets every field.
/// </para>
/// </summary>
internal sealed class TrailActor
{
    private readonly TrailContext _context;
    // Probes in open order, and where each id sits in that list: a transition replaces one slot in place.
    private readonly List<Probe> _probes = new();
    private readonly Dictionary<ProbeId, int> _index = new();
    private readonly List<Signal>? _held;
    private TrailId _trailId;
    private bool _continued;
    private ProbeId? _root;
    private int _rootSlot = -1;
    private int _openCount;
    private long _lastActivity;
    private bool _completed;

    /// <param name="context">Shared services.</param>
    public TrailActor(TrailContext context)
    {
        _context = context;
        _held = context.TailPolicy is null ? null : new List<Signal>();
    }

    /// <summary>The trail this actor holds now.</summary>
    public TrailId TrailId => _trailId;

    /// <summary>The link of a trail the recorder minted, which its shard registered; null for trails started otherwise.</summary>
    public Recording.TrailLink? Link { get; private set; }

    /// <summary>True once the trail completed (or was abandoned with no root): its shard retires it.</summary>
    public bool IsCompleted => _completed;

    /// <summary>How many probes the trail holds (its shard does not reuse an actor that grew large).</summary>
    public int ProbeCapacity => _probes.Capacity;

    /// <summary>
    /// Starts holding <paramref name="trailId"/>, forgetting everything about any trail held before.
    /// <paramref name="continued"/>: the trail began elsewhere (another process), so probes whose parent is not here
    /// are roots of this fragment, and the fragment completes when all its probes are closed.
    /// </summary>
    public void Begin(TrailId trailId, bool continued, Recording.TrailLink? link = null)
    {
        _trailId = trailId;
        Link = link;
        _continued = continued;
        _probes.Clear();
        _index.Clear();
        _held?.Clear();
        _root = null;
        _rootSlot = -1;
        _openCount = 0;
        _completed = false;
        _lastActivity = _context.Clock.NowMicros();
    }

    /// <summary>Applies one message for this trail; false when it is not a trail message.</summary>
    public bool Receive(object message)
    {
        switch (message)
        {
            // The recorder's own messages carry times from the engine's clock, stamped before they were told:
            // they serve as the activity time without another clock read.
            case LiveProbeHandle handle:
                Receive(handle);
                return true;
            case ProbeNoted note:
                Update(note.Probe.Id, note.Attributes, note.At);
                Touch(note.At);
                return true;
        }
        // Host messages may carry times from any clock (or none): activity is read from the engine's clock when the
        // message arrives, before it is applied, since whoever sees its signal may move a manual clock on at once.
        var now = _context.Clock.NowMicros();
        switch (message)
        {
            case OpenProbe open: Open(open.ProbeId, open.ParentId, open.Kind, open.Name, open.Attributes, open.At ?? now); break;
            case UpdateProbe update: Update(update.ProbeId, update.Attributes, update.At ?? now); break;
            case FailProbe fail: Fail(fail, fail.At ?? now); break;
            case CloseProbe close: Close(close.ProbeId, close.Status, close.At ?? now); break;
            default: return false;
        }
        Touch(now);
        return true;
    }

    // A handle is told twice: first as its open, then (unless the open carried it) as its close.
    private void Receive(LiveProbeHandle handle)
    {
        if (handle.TakeOpen())
        {
            Open(handle.Id, handle.ParentId, handle.Kind, handle.Name, handle.Attributes, handle.OpenedAt);
            Touch(handle.OpenedAt);
            if (!handle.ClosedWithOpen()) return;
        }
        Touch(handle.ClosedAt);
        Close(handle.Id, handle.CloseStatus, handle.ClosedAt);
    }

    private void Touch(long at)
    {
        if (at > _lastActivity) _lastActivity = at;
    }

    private void Open(ProbeId id, ProbeId? parentId, ProbeKind kind, string name, IReadOnlyDictionary<string, object?>? attributes, long at)
    {
        // A parent outside this process (continued trails only) makes the probe this fragment's root.
        var parentIsHere = parentId is { } parent && _index.ContainsKey(parent);
        var isRoot = _root is null && (parentId is null || (_continued && !parentIsHere));
        var parentIsValid = parentId is null ? _root is null : _continued || parentIsHere;
        if (_completed || !parentIsValid || !_index.TryAdd(id, _probes.Count))
        {
            _context.Counters.RejectedOpens.Increment();
            return;
        }
        var scrubbed = LiftFault(attributes, null, out var fault);
        var probe = new Probe(id, _trailId, parentId, kind, name, at, null, ProbeStatus.Open,
            Scrub(scrubbed), fault is null ? null : ScrubFault(fault));
        if (isRoot)
        {
            _root = id;
            _rootSlot = _probes.Count;
        }
        _probes.Add(probe);
        _openCount++;
        _context.Counters.ProbesOpened.Increment();
        Emit(new OpenSignal(probe, at));
    }

    private void Update(ProbeId id, IReadOnlyDictionary<string, object?> attributes, long at)
    {
        if (!TryGetOpen(id, out var slot, out var probe)) return;
        var added = LiftFault(attributes, probe.Fault, out var fault);
        var merged = Merge(probe.Attributes, Scrub(added));
        var updated = ReferenceEquals(fault, probe.Fault)
            ? probe with { Attributes = merged }
            : probe with { Attributes = merged, Fault = ScrubFault(fault!) };
        _probes[slot] = updated;
        Emit(new UpdateSignal(updated, at));
    }

    private void Fail(FailProbe fail, long at)
    {
        if (!TryGetOpen(fail.ProbeId, out var slot, out var probe)) return;
        var updated = probe with { Fault = ScrubFault(fail.Fault) };
        _probes[slot] = updated;
        Emit(new UpdateSignal(updated, at));
    }

    private void Close(ProbeId id, ProbeStatus? requested, long at)
    {
        if (!_index.TryGetValue(id, out var slot))
        {
            _context.Counters.UnknownProbeMessages.Increment();
            return;
        }
        var probe = _probes[slot];
        if (probe.IsClosed)
        {
            _context.Counters.RepeatedCloses.Increment();
            return;
        }
        var status = requested is null or ProbeStatus.Open
            ? probe.Fault is null ? ProbeStatus.Ok : ProbeStatus.Error
            : requested.Value;
        Finish(slot, probe, status, Math.Max(at, probe.StartedAt));
        CompleteIfDone();
    }

    private void Finish(int slot, Probe probe, ProbeStatus status, long at)
    {
        var closed = probe with { Status = status, EndedAt = at };
        _probes[slot] = closed;
        _openCount--;
        _context.Counters.ProbesClosed.Increment();
        Emit(new CloseSignal(closed, at));
    }

    /// <summary>Closes every open probe as abandoned and ends the trail if it has been idle past the timeout.</summary>
    public void AbandonIfIdle(long now)
    {
        if (_completed || now - _lastActivity < _context.IdleTimeoutMicros) return;
        for (var slot = 0; slot < _probes.Count; slot++)
        {
            var probe = _probes[slot];
            if (!probe.IsClosed) Finish(slot, probe, ProbeStatus.Abandoned, Math.Max(now, probe.StartedAt));
        }
        _context.Counters.TrailsAbandoned.Increment();
        if (_root is null)
        {
            // Children of a root that never arrived: nothing can complete; the probes were published, end here.
            _completed = true;
            FlushHeld(keep: true);
            return;
        }
        CompleteIfDone();
    }

    private void CompleteIfDone()
    {
        if (_completed || _openCount > 0 || _rootSlot < 0 || !_probes[_rootSlot].IsClosed) return;
        // (In a continued trail every local probe is closed once _openCount is 0, whatever its parent.)
        _completed = true;
        var probes = _probes.ToArray();
        var root = probes[_rootSlot];
        var keep = _context.TailPolicy?.Keep(_trailId, root, probes) ?? true;
        if (_context.TailPolicy is not null)
        {
            (keep ? _context.Counters.TrailsKeptByTail : _context.Counters.TrailsDroppedByTail).Increment();
        }
        FlushHeld(keep);
        if (keep) _context.Events.Publish(new TrailCompleted(_trailId, root, probes));
        _context.Counters.TrailsCompleted.Increment();
    }

    private bool TryGetOpen(ProbeId id, out int slot, out Probe probe)
    {
        if (!_index.TryGetValue(id, out slot))
        {
            _context.Counters.UnknownProbeMessages.Increment();
            probe = null!;
            return false;
        }
        probe = _probes[slot];
        if (probe.IsClosed)
        {
            _context.Counters.UpdatesAfterClose.Increment();
            return false;
        }
        return true;
    }

    private IReadOnlyDictionary<string, object?> Scrub(IReadOnlyDictionary<string, object?>? attributes) =>
        attributes is null || attributes.Count == 0 ? ProbeAttributes.Empty : _context.Redactor.Redact(attributes);

    private ProbeFault ScrubFault(ProbeFault fault)
    {
        var redactor = _context.Redactor;
        if (!redactor.IsEnabled) return fault;
        var message = redactor.RedactString(fault.Message);
        var stack = fault.Stack is null ? null : redactor.RedactString(fault.Stack);
        return ReferenceEquals(message, fault.Message) && ReferenceEquals(stack, fault.Stack) ? fault : fault with { Message = message, Stack = stack };
    }

    /// <summary>
    /// Moves the reserved <c>insight.fault.*</c> attributes into a fault (fields they name replace those of
    /// <paramref name="current"/>), so that they never surface as attributes. Returns the bag unchanged, and
    /// <paramref name="current"/> as the fault, when it holds none of them (the common case, checked without allocating).
    /// </summary>
    private static IReadOnlyDictionary<string, object?>? LiftFault(IReadOnlyDictionary<string, object?>? attributes, ProbeFault? current, out ProbeFault? fault)
    {
        fault = current;
        if (attributes is null || attributes.Count == 0) return attributes;
        var hasMessage = attributes.TryGetValue(ProbeAttributes.FaultMessageKey, out var message);
        var hasName = attributes.TryGetValue(ProbeAttributes.FaultNameKey, out var name);
        var hasStack = attributes.TryGetValue(ProbeAttributes.FaultStackKey, out var stack);
        if (!hasMessage && !hasName && !hasStack) return attributes;
        fault = new ProbeFault(
            hasMessage ? Text(message) ?? string.Empty : current?.Message ?? string.Empty,
            hasName ? Text(name) : current?.Name,
            hasStack ? Text(stack) : current?.Stack);
        var rest = new Dictionary<string, object?>(attributes.Count, StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (!ProbeAttributes.IsReserved(key)) rest[key] = value;
        }
        return rest;
    }

    private static string? Text(object? value) =>
        value is null ? null : value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyDictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> current, IReadOnlyDictionary<string, object?> added)
    {
        if (added.Count == 0) return current;
        if (current.Count == 0) return added;
        var merged = new Dictionary<string, object?>(current.Count + added.Count, StringComparer.Ordinal);
        foreach (var (key, value) in current) merged[key] = value;
        foreach (var (key, value) in added) merged[key] = value;
        return merged;
    }

    private void Emit(Signal signal)
    {
        if (_held is not null) _held.Add(signal);
        else _context.Events.Publish(signal);
    }

    private void FlushHeld(bool keep)
    {
        if (_held is null) return;
        if (keep)
        {
            foreach (var signal in _held) _context.Events.Publish(signal);
        }
        _held.Clear();
    }
}
