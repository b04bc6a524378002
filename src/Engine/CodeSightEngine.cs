using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Engine.Activities;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Redaction;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Sight;
using CodeSight.Engine.Trails;

namespace CodeSight.Engine;

/// <summary>
/// The tracing plane running inside an actor system: the trail supervisor (<c>/user/codesight/trails</c>), the
/// sampling router for hosts that send actor messages (<see cref="Router"/>), and the <see cref="Recorder"/> facade
/// for hosts that are not actors. Signals, <c>TrailCompleted</c> and observations are published on the system's
/// event stream, where sinks and the ledger subscribe.
/// </summary>
public sealed class CodeSightEngine
{
    private readonly TrailContext _context;
    private readonly IActorRef _trails;
    private readonly IActorRef[] _shards;
    private readonly object _startLock = new();
    private readonly IHashedGate? _hashedGate;

    private CodeSightEngine(ActorSystem system, EngineOptions options)
    {
        System = system;
        Settings = new EngineSettings(system.Settings.Config);
        ActivitySettings = new ActivitySettings(system.Settings.Config);
        Clock = options.Clock ?? SystemClock.Instance;
        Gate = options.Gate ?? DefaultGate(Settings);
        _hashedGate = Gate as IHashedGate;
        var redactor = options.Redactor ?? (Settings.Redaction ? SecretRedactor.Default : SecretRedactor.PassThrough);
        Redactor = redactor;
        var tail = options.TailPolicy ?? (Settings.TailSampling
            ? new TailSamplingPolicy(Settings.TailKeepErrors, Settings.TailSlowThreshold, new RatioGate(Settings.TailHeadRatio))
            : null);
        _context = new TrailContext(system.EventStream, Clock, redactor, Counters, tail, Settings.IdleTimeout, Settings.TrailShards);
        var root = system.ActorOf(Props.Create(static () => new EngineRootActor()), "codesight");
        _trails = system.ActorOf(root, Props.Create(() => new TrailSupervisor(_context, Settings.ReapInterval)), "trails");
        _shards = new IActorRef[Settings.TrailShards];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = system.ActorOf(_trails, Props.Create(() => new TrailShard(_context)), $"shard-{i}");
        }
        Router = system.ActorOf(root, Props.Create(() => new SamplingRouter(this)), "router");
        Recorder = new Recorder(this);
        Sight = new SightRegistry(system.EventStream, Clock, new SightSettings(system.Settings.Config));
        if (ActivitySettings.Listen)
        {
            var bridge = ActivityBridge.Start(this);
            ActivityBridge = bridge;
            system.WhenTerminated.ContinueWith(_ => bridge.Dispose(), TaskScheduler.Default);
        }
    }

    /// <summary>Starts the tracing plane in <paramref name="system"/>; its settings come from the system's configuration.</summary>
    public static CodeSightEngine Start(ActorSystem system, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new CodeSightEngine(system, options ?? new EngineOptions());
    }

    /// <summary>The actor system the engine runs in.</summary>
    public ActorSystem System { get; }

    /// <summary>The engine's settings.</summary>
    public EngineSettings Settings { get; }

    /// <summary>Counts of everything admitted, dropped, rejected and completed.</summary>
    public EngineCounters Counters { get; } = new();

    /// <summary>The Activity bridge's settings (<c>codesight.activities</c>).</summary>
    public ActivitySettings ActivitySettings { get; }

    /// <summary>
    /// The Activity bridge the engine started because <c>codesight.activities.listen.enabled</c> is on (stopped when the
    /// system terminates), or null. Start one yourself with <see cref="Activities.ActivityBridge.Start"/>.
    /// </summary>
    public ActivityBridge? ActivityBridge { get; }

    /// <summary>The time source.</summary>
    public IEngineClock Clock { get; }

    /// <summary>The redactor that scrubs probe attributes and faults; bridges that build observations scrub with it too.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>The head-sampling gate (for tail sampling, the gate that admits trails to be judged).</summary>
    public ISamplingGate Gate { get; }

    /// <summary>Where host actors <c>Tell</c> <c>OpenProbe</c>/<c>UpdateProbe</c>/<c>FailProbe</c>/<c>CloseProbe</c>.</summary>
    public IActorRef Router { get; }

    /// <summary>The facade for hosts that are not actors.</summary>
    public Recorder Recorder { get; }

    /// <summary>Code Sight's instrumentation: sight points, manual observations, thresholds and log rules.</summary>
    public SightRegistry Sight { get; }

    /// <summary>Number of trails running (admitted and not yet ended).</summary>
    public int RunningTrails
    {
        get
        {
            // Ended first: every trail counted there was admitted before, so the difference never goes below zero.
            var ended = Counters.TrailsEnded.Value;
            return (int)Math.Max(0, Counters.TrailsAdmitted.Value - ended);
        }
    }

    /// <summary>Stops the engine's actors, closing nothing: call before terminating the system to end cleanly.</summary>
    public Task StopAsync(TimeSpan timeout) => _trails.GracefulStop(timeout);

    internal bool Admit(TrailId trailId)
    {
        if (Gate.Verdict(trailId)) return true;
        Counters.TrailsSampledOut.Increment();
        return false;
    }

    /// <summary>The head gate's verdict on an id the recorder minted, whose ratio-gate hash is known; same as <see cref="Admit(TrailId)"/>.</summary>
    internal bool Admit(TrailId trailId, uint idHash)
    {
        if (_hashedGate is null ? Gate.Verdict(trailId) : _hashedGate.Verdict(trailId, idHash)) return true;
        Counters.TrailsSampledOut.Increment();
        return false;
    }

    /// <summary>Trails in the registry of running trails now (for tests: it must come back to zero).</summary>
    internal int RegisteredTrails => _context.Running.Count;

    internal bool TryFindTrail(TrailId trailId, out TrailLink trail) => _context.Running.TryGet(trailId, out trail);

    /// <summary>
    /// Makes the link of a trail the recorder just minted; the root handle's open starts the trail in its shard, so no
    /// separate start message is needed. No one else can know the id yet, so the link is not registered here: the
    /// shard registers it when it starts the trail, and the recorder first if the id leaves it before that (see
    /// <see cref="TrailRegistry"/>). With probes as Activities the id leaves at once, in the root's Activity.
    /// </summary>
    internal TrailLink StartMintedTrail(TrailId trailId)
    {
        var link = new TrailLink(ShardOf(trailId), trailId, Clock, Recorder.ProbesAsActivities, _context.Running, registered: false);
        if (link.ScopeActivities) link.EnsureRegistered();
        Counters.TrailsAdmitted.Increment();
        return link;
    }

    /// <summary>Finds the link of a running trail or starts the trail; safe when several threads continue one trail.</summary>
    internal TrailLink FindOrStartTrail(TrailId trailId, bool continued = false)
    {
        if (_context.Running.TryGet(trailId, out var running)) return running;
        lock (_startLock)
        {
            if (_context.Running.TryGet(trailId, out running)) return running;
            var link = new TrailLink(ShardOf(trailId), trailId, Clock, Recorder.ProbesAsActivities, _context.Running);
            // Told before the trail is visible in Running: whoever finds it there tells after, so the start comes first.
            link.Trail.Tell(new TrailStart(trailId, continued), null);
            _context.Running.TryAdd(link);
            Counters.TrailsAdmitted.Increment();
            return link;
        }
    }

    private IActorRef ShardOf(TrailId trailId) => _shards[TrailShard.IndexOf(trailId, _shards.Length)];

    private static ISamplingGate DefaultGate(EngineSettings settings)
    {
        // With tail sampling every trail must run to be judged; only the rate limit still applies at the head.
        ISamplingGate ratio = settings.TailSampling ? AlwaysGate.Instance
            : settings.SamplingRatio >= 1 ? AlwaysGate.Instance : new RatioGate(settings.SamplingRatio);
        return settings.RateLimit > 0 ? new AllOfGate(ratio, new RateLimitGate(settings.RateLimit, settings.RateLimitBurst)) : ratio;
    }

    private sealed class EngineRootActor : ActorBase
    {
        protected override bool Receive(object message) => false;
    }
}
