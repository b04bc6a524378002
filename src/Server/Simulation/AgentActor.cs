using CodeSight.Actors;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Clock;

namespace CodeSight.Server.Simulation;

/// <summary>
/// A racing agent: every tick it plans a racing line (a model probe), reads telemetry (a tool probe that sometimes
/// fails) and commits to a move — one trail per turn, recorded with plain actor messages to the engine's router, the
/// way a host that is itself an actor system records. Work durations are simulated: each probe is stamped with the
/// time its step would have taken, so no thread ever waits.
/// </summary>
internal sealed class AgentActor : ReceiveActor
{
    private static readonly string[] Tools = ["read_telemetry", "query_pit_wall", "check_tyres", "scan_track"];
    private readonly string _name;
    private readonly IActorRef _router;
    private readonly IEngineClock _clock;
    private readonly Random _random;
    private readonly double _failureRate;
    private readonly SimulationStats _stats;
    private int _lap;
    private double _fuel = 100;

    public AgentActor(string name, IActorRef router, IEngineClock clock, int seed, double failureRate, TimeSpan tick, SimulationStats stats)
    {
        _name = name;
        _router = router;
        _clock = clock;
        _random = new Random(seed);
        _failureRate = failureRate;
        _stats = stats;
        Receive<AgentTick>(_ => TakeTurn());
        Timers.StartPeriodicTimer("tick", AgentTick.Instance, TimeSpan.FromMilliseconds(_random.Next(0, (int)Math.Max(1, tick.TotalMilliseconds))), tick);
    }

    private void TakeTurn()
    {
        _lap++;
        _fuel = Math.Max(0, _fuel - _random.NextDouble() * 1.5);
        var trail = TrailId.New();
        var root = ProbeId.New();
        var start = _clock.NowMicros();
        var t = start;
        _router.Tell(new OpenProbe(trail, root, null, ProbeKind.Turn, $"{_name} turn {_lap}", new Dictionary<string, object?>
        {
            ["agent"] = _name,
            ["lap"] = _lap,
            ["fuel"] = Math.Round(_fuel, 2),
        }, t), Self);

        var plan = ProbeId.New();
        _router.Tell(new OpenProbe(trail, plan, root, ProbeKind.Model, "plan racing line", new Dictionary<string, object?>
        {
            ["model"] = "planner-v2",
            ["prompt_tokens"] = _random.Next(200, 900),
        }, t), Self);
        t += _random.Next(2_000, 25_000);
        _router.Tell(new UpdateProbe(trail, plan, new Dictionary<string, object?> { ["completion_tokens"] = _random.Next(20, 200) }, t), Self);
        _router.Tell(new CloseProbe(trail, plan, null, t), Self);

        var tool = ProbeId.New();
        var toolName = Tools[_random.Next(Tools.Length)];
        _router.Tell(new OpenProbe(trail, tool, root, ProbeKind.Tool, toolName, new Dictionary<string, object?> { ["sector"] = _random.Next(1, 4) }, t), Self);
        t += _random.Next(500, 8_000);
        if (_random.NextDouble() < _failureRate)
        {
            _stats.CountFailure();
            _router.Tell(new FailProbe(trail, tool, new ProbeFault($"{toolName} failed: sensor timeout in sector {_random.Next(1, 4)}", "TimeoutException"), t), Self);
        }
        _router.Tell(new CloseProbe(trail, tool, null, t), Self);

        t += _random.Next(100, 2_000);
        _router.Tell(new CloseProbe(trail, root, null, t), Self);
        _stats.CountTurn();
    }
}
