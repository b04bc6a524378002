using System.Globalization;
using ActorHost;
using CodeSight.Actors;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Signals;
using CodeSight.Engine;

// An actor-based host: usage `ActorHost [--seconds S] [--agents N]`.
var seconds = 3.0;
var agentCount = 3;
for (var i = 0; i < args.Length; i += 2)
{
    var parsed = i + 1 < args.Length && args[i] switch
    {
        "--seconds" => double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
        "--agents" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out agentCount) && agentCount > 0,
        _ => false,
    };
    if (!parsed)
    {
        Console.Error.WriteLine($"error: bad option or value at argument {i + 1} ('{args[i]}'); usage: ActorHost [--seconds S>0] [--agents N>0]");
        return 2;
    }
}

// <embed:actor-host>
using var system = ActorSystem.Create("actor-host");
var engine = CodeSightEngine.Start(system);

// A sink is an ordinary actor subscribed to what the engine publishes on the event stream.
var scoreboard = system.ActorOf(Props.Create(() => new ScoreboardSink()), "scoreboard");
system.EventStream.Subscribe<CloseSignal>(scoreboard);
system.EventStream.Subscribe<TrailCompleted>(scoreboard);

// The host's own actors tell OpenProbe/UpdateProbe/CloseProbe to the engine's router.
var agents = Enumerable.Range(1, agentCount)
    .Select(n => system.ActorOf(
        Props.Create(() => new PatrolAgent($"agent{n}", engine.Router, TimeSpan.FromMilliseconds(50), n)), $"agent{n}"))
    .ToList();

await Task.Delay(TimeSpan.FromSeconds(seconds));
foreach (var agent in agents) await agent.GracefulStop(TimeSpan.FromSeconds(5));
// </embed:actor-host>

var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
while (engine.RunningTrails > 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
var score = await scoreboard.Ask<Score>(GetScore.Instance, TimeSpan.FromSeconds(5));
await engine.StopAsync(TimeSpan.FromSeconds(5));
await system.Terminate();

Console.WriteLine($"agents: {agentCount}, patrols: {score.Patrols} completed of {engine.Counters.TrailsAdmitted} admitted");
Console.WriteLine($"probes closed: {score.ProbesClosed}");
foreach (var (agent, contacts) in score.ContactsByAgent.OrderBy(p => p.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {agent}: {contacts} contacts");
}

// Every admitted patrol must have reached the sink as a completed trail, with its two probes closed.
var consistent = score.Patrols > 0 && score.Patrols == engine.Counters.TrailsAdmitted.Value && score.ProbesClosed == 2 * score.Patrols;
Console.WriteLine(consistent ? "scoreboard matches the engine" : "scoreboard does not match the engine");
return consistent ? 0 : 1;
