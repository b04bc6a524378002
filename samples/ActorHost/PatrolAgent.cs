using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;

namespace ActorHost;

/// <summary>
/// A host actor that records its own work by telling the engine's router <see cref="OpenProbe"/>,
/// <see cref="UpdateProbe"/> and <see cref="CloseProbe"/> directly: each patrol is a trail with a root probe and a
/// <c>scan</c> probe inside it.
/// </summary>
public sealed class PatrolAgent : ReceiveActor
{
    private static readonly object PatrolTimer = new();
    private static readonly IReadOnlyDictionary<string, object?> NoAttributes = new Dictionary<string, object?>();

    private readonly string _name;
    private readonly IActorRef _engine;
    private readonly TimeSpan _interval;
    private readonly Random _random;

    /// <summary>Creates the agent.</summary>
    /// <param name="name">The agent's name, recorded on each patrol.</param>
    /// <param name="engine">The engine's router (<c>CodeSightEngine.Router</c>).</param>
    /// <param name="interval">Time between patrols.</param>
    /// <param name="seed">Seeds the contacts each scan finds.</param>
    public PatrolAgent(string name, IActorRef engine, TimeSpan interval, int seed)
    {
        _name = name;
        _engine = engine;
        _interval = interval;
        _random = new Random(seed);
        Receive<Patrol>(_ => PatrolOnce());
    }

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer(PatrolTimer, Patrol.Instance, _interval);

    // <embed:actor-host-agent>
    private void PatrolOnce()
    {
        // The agent mints the ids; a root open (no parent) starts the trail, if the sampling gate admits it.
        var trail = TrailId.New();
        var patrol = ProbeId.New();
        var scan = ProbeId.New();
        _engine.Tell(new OpenProbe(trail, patrol, null, ProbeKind.Run, "patrol", new Dictionary<string, object?> { ["agent"] = _name }), Self);
        _engine.Tell(new OpenProbe(trail, scan, patrol, ProbeKind.Tool, "scan", NoAttributes), Self);
        _engine.Tell(new UpdateProbe(trail, scan, new Dictionary<string, object?> { ["contacts"] = _random.Next(0, 4) }), Self);
        _engine.Tell(new CloseProbe(trail, scan), Self);
        _engine.Tell(new CloseProbe(trail, patrol), Self);
    }
    // </embed:actor-host-agent>
}
