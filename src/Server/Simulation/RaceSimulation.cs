using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;

namespace CodeSight.Server.Simulation;

/// <summary>
/// The demo host: a race with several agents (actors under <c>/user/race</c> that record through actor messages)
/// and race control (a plain loop that records through the <see cref="Engine.Recording.Recorder"/>, as a game loop
/// would). Agents fail now and then, and so does race control's leaderboard service.
/// </summary>
internal sealed class RaceSimulation : IAsyncDisposable
{
    private readonly CodeSightEngine _engine;
    private readonly SimulationOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly IActorRef _race;
    private readonly Task _raceControl;

    private RaceSimulation(CodeSightEngine engine, SimulationOptions options)
    {
        _engine = engine;
        _options = options;
        var seed = options.Seed ?? Random.Shared.Next();
        _race = engine.System.ActorOf(Props.Create(() => new RaceActor()), "race");
        for (var i = 1; i <= options.Agents; i++)
        {
            var name = $"agent-{i}";
            var agentSeed = seed + i;
            engine.System.ActorOf(_race, Props.Create(() =>
                new AgentActor(name, engine.Router, engine.Clock, agentSeed, options.FailureRate, options.TickInterval, Stats)), name);
        }
        _raceControl = Task.Factory.StartNew(() => RunRaceControlAsync(new Random(seed), _stop.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>What the race did so far.</summary>
    public SimulationStats Stats { get; } = new();

    /// <summary>Starts the race.</summary>
    public static RaceSimulation Start(CodeSightEngine engine, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options.Validate();
        return new RaceSimulation(engine, options);
    }

    /// <summary>Stops the agents and race control; every trail they began is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _raceControl.ConfigureAwait(false);
        await _race.GracefulStop(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunRaceControlAsync(Random random, CancellationToken cancel)
    {
        var recorder = _engine.Recorder;
        var tick = 0;
        while (!cancel.IsCancellationRequested)
        {
            tick++;
            using (var root = recorder.OpenTrail("race control tick", ProbeKind.Run, new Dictionary<string, object?> { ["tick"] = tick }))
            {
                using (var physics = root.Child(ProbeKind.Custom, "physics step"))
                {
                    physics.Note("bodies", _options.Agents);
                }
                try
                {
                    root.Child(ProbeKind.Tool, "update leaderboard").Run(step =>
                    {
                        if (random.NextDouble() < _options.FailureRate / 2)
                        {
                            Stats.CountFailure();
                            throw new TimeoutException("leaderboard service did not answer within 50 ms");
                        }
                        step.Note("leader", $"agent-{random.Next(1, _options.Agents + 1)}");
                    });
                }
                catch (TimeoutException)
                {
                    // Recorded on the probe by Run; race control carries on, as a game loop would.
                }
            }
            Stats.CountTick();
            try
            {
                await Task.Delay(_options.TickInterval, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The parent of the agents; it only supervises (a failing agent restarts).</summary>
    private sealed class RaceActor : ActorBase
    {
        protected override bool Receive(object message) => false;
    }
}
