using System.Diagnostics;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Recording;

namespace CodeSight.Engine.Activities;

/// <summary>
/// Turns <see cref="Activity"/> spans from instrumented libraries (HttpClient, ASP.NET Core, any ActivitySource)
/// into the engine's trails and probes, with ids mapped 1:1: trace id -&gt; trail id, span id -&gt; probe id, parent
/// span id -&gt; parent probe. An activity becomes a probe with its display name, kind (<see cref="ActivityKinds"/>),
/// start and end time and tags as attributes (scrubbed by the engine's redactor like any other); its
/// <c>exception</c> events and an error status become the probe's fault; other events become the
/// <see cref="EventsKey"/> attribute. A trace that starts in another process (a remote parent) maps to a continued
/// trail whose local root is the first activity seen.
/// <para>
/// Sampling asks the engine: a root activity, or one with a remote parent, is recorded when the engine's head gate
/// admits its trace id (asked once per trail and process); an activity with a local parent is recorded when its
/// trail is. The callbacks never block: they mint no ids, read no clock and only enqueue messages for the trail.
/// Activities the engine does not record (another listener's, or of a trail that already ended) are counted in
/// <see cref="Skipped"/>. Nothing the engine emits (the <see cref="ProbeActivity.SourceName"/> source, the unnamed
/// source of probe-scope activities) is listened to, so probes never come back as activities.
/// </para>
/// </summary>
public sealed class ActivityBridge : IDisposable
{
    /// <summary>The attribute that lists an activity's events other than exceptions: <c>{name, at, tags}</c>, <c>at</c> in epoch microseconds.</summary>
    public const string EventsKey = "activity.events";

    // Set on the async flow of an exporter's own calls (Suppress): activities started there are never bridged.
    private static readonly AsyncLocal<bool> Suppressed = new();

    private readonly CodeSightEngine _engine;
    private readonly SourceFilter _filter;
    private readonly ActivityListener _listener;
    private long _opened;
    private long _closed;
    private long _skipped;

    private ActivityBridge(CodeSightEngine engine, IReadOnlyList<string> sources)
    {
        _engine = engine;
        _filter = new SourceFilter(sources);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => _filter.Matches(source.Name),
            Sample = Sample,
            SampleUsingParentId = SampleUsingParentId,
            ActivityStarted = Started,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Starts listening. Dispose the bridge to stop.</summary>
    /// <param name="engine">The engine that records the activities.</param>
    /// <param name="sources">
    /// ActivitySource names to listen to: exact names, prefixes ending in <c>*</c>, or <c>*</c> for all; null for
    /// <c>codesight.activities.listen.sources</c>.
    /// </param>
    /// <exception cref="ArgumentException">A source pattern is empty or has a <c>*</c> before its end.</exception>
    public static ActivityBridge Start(CodeSightEngine engine, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new ActivityBridge(engine, sources ?? engine.ActivitySettings.Sources);
    }

    /// <summary>Activities opened as probes.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>Activities closed as probes.</summary>
    public long Closed => Interlocked.Read(ref _closed);

    /// <summary>
    /// Activity starts and stops seen but not recorded: their trail is not running here (sampled out, recorded by
    /// another listener only, already ended), or their ids are not W3C ids.
    /// </summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>
    /// Until the returned scope is disposed, activities started on this async flow are not bridged (and not counted).
    /// Exporters wrap their own network calls in it: without it, the HttpClient activity of each OTLP export would
    /// become a probe, be exported, and start another export, without end.
    /// </summary>
    public static IDisposable Suppress()
    {
        var previous = Suppressed.Value;
        Suppressed.Value = true;
        return new SuppressScope(previous);
    }

    /// <summary>Stops listening; activities already bridged still close through the engine's idle timeout.</summary>
    public void Dispose() => _listener.Dispose();

    internal static TrailId ToTrailId(ActivityTraceId traceId)
    {
        Span<byte> bytes = stackalloc byte[TrailId.ByteLength];
        traceId.CopyTo(bytes);
        return new TrailId(bytes);
    }

    internal static ProbeId ToProbeId(ActivitySpanId spanId)
    {
        Span<byte> bytes = stackalloc byte[ProbeId.ByteLength];
        spanId.CopyTo(bytes);
        return new ProbeId(bytes);
    }

    private ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options) =>
        Decide(options.TraceId, options.Parent);

    private ActivitySamplingResult SampleUsingParentId(ref ActivityCreationOptions<string> options) =>
        ActivityContext.TryParse(options.Parent, null, isRemote: true, out var parent)
            ? Decide(parent.TraceId, parent)
            : ActivitySamplingResult.None;

    private ActivitySamplingResult Decide(ActivityTraceId traceId, ActivityContext parent)
    {
        if (Suppressed.Value || !_engine.Recorder.Enabled || traceId == default) return ActivitySamplingResult.None;
        var trailId = ToTrailId(traceId);
        if (_engine.TryFindTrail(trailId, out _)) return ActivitySamplingResult.AllDataAndRecorded;
        // A local parent whose trail is not running here was not recorded by the engine: neither is its child.
        if (parent != default && !parent.IsRemote) return ActivitySamplingResult.None;
        if (!_engine.Admit(trailId)) return ActivitySamplingResult.None;
        // Start the trail now, so that the decision is made once: the activity's start finds it running.
        _engine.FindOrStartTrail(trailId, continued: parent != default);
        return ActivitySamplingResult.AllDataAndRecorded;
    }

    private void Started(Activity activity)
    {
        if (!TryFindTrail(activity, out var trailId, out var trail)) return;
        var parent = activity.ParentSpanId == default ? (ProbeId?)null : ToProbeId(activity.ParentSpanId);
        trail.Tell(new OpenProbe(trailId, ToProbeId(activity.SpanId), parent, ActivityKinds.ToProbeKind(activity.Kind),
            activity.DisplayName, Tags(activity.TagObjects), ProbeActivity.EpochMicros(activity.StartTimeUtc)));
        Interlocked.Increment(ref _opened);
    }

    private void Stopped(Activity activity)
    {
        if (!TryFindTrail(activity, out var trailId, out var trail)) return;
        var probeId = ToProbeId(activity.SpanId);
        var end = ProbeActivity.EpochMicros(activity.StartTimeUtc + activity.Duration);
        // Tags set while the activity ran arrive as one update (the trail merges them over those it opened with).
        var tags = Tags(activity.TagObjects);
        List<Dictionary<string, object?>>? events = null;
        ProbeFault? fault = null;
        foreach (var e in activity.Events)
        {
            if (e.Name == ExceptionEvent.Name)
            {
                fault = Fault(e);
                continue;
            }
            (events ??= new List<Dictionary<string, object?>>()).Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = e.Name,
                ["at"] = ProbeActivity.EpochMicros(e.Timestamp.UtcDateTime),
                ["tags"] = Tags(e.Tags),
            });
        }
        if (events is not null)
        {
            var merged = new Dictionary<string, object?>(tags, StringComparer.Ordinal) { [EventsKey] = events };
            tags = merged;
        }
        if (tags.Count > 0) trail.Tell(new UpdateProbe(trailId, probeId, tags, end));
        if (activity.Status == ActivityStatusCode.Error && fault is null) fault = new ProbeFault(activity.StatusDescription ?? "error");
        if (fault is not null) trail.Tell(new FailProbe(trailId, probeId, fault, end));
        // An explicit Ok wins over a recorded exception (as in OpenTelemetry); unset leaves it to the fault.
        ProbeStatus? status = activity.Status switch
        {
            ActivityStatusCode.Ok => ProbeStatus.Ok,
            ActivityStatusCode.Error => ProbeStatus.Error,
            _ => null,
        };
        trail.Tell(new CloseProbe(trailId, probeId, status, end));
        Interlocked.Increment(ref _closed);
    }

    private bool TryFindTrail(Activity activity, out TrailId trailId, out TrailLink trail)
    {
        if (Suppressed.Value)
        {
            trailId = default;
            trail = null!;
            return false;
        }
        if (activity.IdFormat == ActivityIdFormat.W3C && activity.TraceId != default)
        {
            trailId = ToTrailId(activity.TraceId);
            if (_engine.TryFindTrail(trailId, out trail)) return true;
        }
        else
        {
            trailId = default;
            trail = null!;
        }
        Interlocked.Increment(ref _skipped);
        return false;
    }

    private static ProbeFault Fault(ActivityEvent exception)
    {
        string? type = null, message = null, stack = null;
        foreach (var (key, value) in exception.Tags)
        {
            switch (key)
            {
                case ExceptionEvent.TypeTag: type = value?.ToString(); break;
                case ExceptionEvent.MessageTag: message = value?.ToString(); break;
                case ExceptionEvent.StackTag: stack = value?.ToString(); break;
            }
        }
        return new ProbeFault(message ?? type ?? ExceptionEvent.Name, type, stack);
    }

    private static IReadOnlyDictionary<string, object?> Tags(IEnumerable<KeyValuePair<string, object?>> tags)
    {
        Dictionary<string, object?>? bag = null;
        foreach (var (key, value) in tags) (bag ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
        return bag ?? ProbeAttributes.Empty;
    }

    private sealed class SuppressScope(bool previous) : IDisposable
    {
        public void Dispose() => Suppressed.Value = previous;
    }
}
