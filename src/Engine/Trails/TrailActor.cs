using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;

namespace CodeSight.Engine.Trails;

/// <summary>
/// One admitted trail. It owns the trail's probes and enforces their lifecycle: a child's parent must be in the
/// trail, a closed probe takes no more updates, close is idempotent, a failure marks the probe's fault and makes it
/// close as <c>error</c>. It publishes Open/Update/Close signals on the event stream in the order it applied them,
/// scrubbing secrets from attributes and faults on the way in. When the root and every probe are closed it
/// publishes <see cref="TrailCompleted"/> and stops; a trail idle past the timeout closes what is left open as
/// <c>abandoned</c> first, so no trail actor lives forever. Bad messages are counted, never thrown.
/// With tail sampling the signals are held back until completion and published only if the policy keeps the trail.
/// </summary>
internal sealed class TrailActor : ActorBase
{
    private readonly TrailId _trailId;
    private readonly TrailContext _context;
    private readonly Dictionary<ProbeId, Probe> _probes = new();
    private readonly List<ProbeId> _openOrder = new();
    private readonly List<Signal>? _held;
    private readonly bool _continued;
    private ProbeId? _root;
    private int _openCount;
    private long _lastActivity;
    private bool _completed;

    /// <param name="trailId">The trail.</param>
    /// <param name="context">Shared services.</param>
    /// <param name="continued">
    /// The trail began elsewhere (another process): probes whose parent is not here are roots of this fragment,
    /// and the fragment completes when all its probes are closed.
    /// </param>
    public TrailActor(TrailId trailId, TrailContext context, bool continued)
    {
        _trailId = trailId;
        _context = context;
        _continued = continued;
        _held = context.TailPolicy is null ? null : new List<Signal>();
        _lastActivity = context.Clock.NowMicros();
    }

    protected override void PostStop() => _context.Running.TryRemove(new KeyValuePair<TrailId, IActorRef>(_trailId, Self));

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case OpenProbe open: Open(open); break;
            case UpdateProbe update: Update(update); break;
            case FailProbe fail: Fail(fail); break;
            case CloseProbe close: Close(close); break;
            case CheckIdle: AbandonIfIdle(); return true;
            default: return false;
        }
        _lastActivity = _context.Clock.NowMicros();
        return true;
    }

    private void Open(OpenProbe open)
    {
        if (_completed || _probes.ContainsKey(open.ProbeId) || !ParentIsValid(open.ParentId))
        {
            _context.Counters.RejectedOpens.Increment();
            return;
        }
        var at = open.At ?? _context.Clock.NowMicros();
        var probe = new Probe(open.ProbeId, _trailId, open.ParentId, open.Kind, open.Name, at, null, ProbeStatus.Open,
            Scrub(open.Attributes), null);
        if (open.ParentId is null || (_continued && _root is null && !_probes.ContainsKey(open.ParentId.Value))) _root ??= open.ProbeId;
        _probes.Add(open.ProbeId, probe);
        _openOrder.Add(open.ProbeId);
        _openCount++;
        _context.Counters.ProbesOpened.Increment();
        Emit(new OpenSignal(probe, at));
    }

    private bool ParentIsValid(ProbeId? parent) => parent is { } id ? _continued || _probes.ContainsKey(id) : _root is null;

    private void Update(UpdateProbe update)
    {
        if (!TryGetOpen(update.ProbeId, out var probe)) return;
        var at = update.At ?? _context.Clock.NowMicros();
        var merged = Merge(probe.Attributes, Scrub(update.Attributes));
        var updated = probe with { Attributes = merged };
        _probes[probe.Id] = updated;
        Emit(new UpdateSignal(updated, at));
    }

    private void Fail(FailProbe fail)
    {
        if (!TryGetOpen(fail.ProbeId, out var probe)) return;
        var at = fail.At ?? _context.Clock.NowMicros();
        var redactor = _context.Redactor;
        var fault = redactor.IsEnabled
            ? new ProbeFault(redactor.RedactString(fail.Fault.Message), fail.Fault.Name,
                fail.Fault.Stack is null ? null : redactor.RedactString(fail.Fault.Stack))
            : fail.Fault;
        var updated = probe with { Fault = fault };
        _probes[probe.Id] = updated;
        Emit(new UpdateSignal(updated, at));
    }

    private void Close(CloseProbe close)
    {
        if (!_probes.TryGetValue(close.ProbeId, out var probe))
        {
            _context.Counters.UnknownProbeMessages.Increment();
            return;
        }
        if (probe.IsClosed)
        {
            _context.Counters.RepeatedCloses.Increment();
            return;
        }
        var at = close.At ?? _context.Clock.NowMicros();
        var status = close.Status is null or ProbeStatus.Open
            ? probe.Fault is null ? ProbeStatus.Ok : ProbeStatus.Error
            : close.Status.Value;
        Finish(probe, status, Math.Max(at, probe.StartedAt));
        CompleteIfDone();
    }

    private void Finish(Probe probe, ProbeStatus status, long at)
    {
        var closed = probe with { Status = status, EndedAt = at };
        _probes[probe.Id] = closed;
        _openCount--;
        _context.Counters.ProbesClosed.Increment();
        Emit(new CloseSignal(closed, at));
    }

    private void AbandonIfIdle()
    {
        var now = _context.Clock.NowMicros();
        if (_completed || now - _lastActivity < _context.IdleTimeoutMicros) return;
        foreach (var id in _openOrder)
        {
            var probe = _probes[id];
            if (!probe.IsClosed) Finish(probe, ProbeStatus.Abandoned, Math.Max(now, probe.StartedAt));
        }
        _context.Counters.TrailsAbandoned.Increment();
        if (_root is null)
        {
            // Children of a root that never arrived: nothing can complete; the probes were published, end here.
            _completed = true;
            FlushHeld(keep: true);
            Context.Stop(Self);
            return;
        }
        CompleteIfDone();
    }

    private void CompleteIfDone()
    {
        if (_completed || _openCount > 0 || _root is not { } rootId || !_probes[rootId].IsClosed) return;
        // (In a continued trail every local probe is closed once _openCount is 0, whatever its parent.)
        _completed = true;
        var probes = new Probe[_openOrder.Count];
        for (var i = 0; i < probes.Length; i++) probes[i] = _probes[_openOrder[i]];
        var root = _probes[rootId];
        var keep = _context.TailPolicy?.Keep(_trailId, root, probes) ?? true;
        if (_context.TailPolicy is not null)
        {
            (keep ? _context.Counters.TrailsKeptByTail : _context.Counters.TrailsDroppedByTail).Increment();
        }
        FlushHeld(keep);
        if (keep) _context.Events.Publish(new TrailCompleted(_trailId, root, probes));
        _context.Counters.TrailsCompleted.Increment();
        Context.Stop(Self);
    }

    private bool TryGetOpen(ProbeId id, out Probe probe)
    {
        if (!_probes.TryGetValue(id, out probe!))
        {
            _context.Counters.UnknownProbeMessages.Increment();
            return false;
        }
        if (probe.IsClosed)
        {
            _context.Counters.UpdatesAfterClose.Increment();
            return false;
        }
        return true;
    }

    private IReadOnlyDictionary<string, object?> Scrub(IReadOnlyDictionary<string, object?>? attributes) =>
        attributes is null || attributes.Count == 0 ? ProbeAttributes.Empty : _context.Redactor.Redact(attributes);

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
