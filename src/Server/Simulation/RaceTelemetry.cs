using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Engine.Sight;

namespace CodeSight.Server.Simulation;

/// <summary>
/// The demo's Code Sight instrumentation: a pit-wall loop that measures its work at four sight points (vision,
/// planning, inference, tool calling), logs race-control lines, reports lap times as manual metrics and now and then
/// a tensor of tyre temperatures. The work is real arithmetic of random size, so latencies vary as they would.
/// A threshold on tyre wear makes the dashboard's alert panel come alive.
/// </summary>
internal sealed class RaceTelemetry : IAsyncDisposable
{
    /// <summary>The sight point names, for tests and the dashboard's defaults.</summary>
    public static readonly string[] PointNames = ["track_vision", "pit_strategy", "tyre_model", "radio_call"];

    private static readonly string[] Radio = ["box this lap", "push now", "gap to car ahead 1.2s", "yellow flag sector 2", "tyres are gone", "fuel target plus two"];

    private readonly CodeSightEngine _engine;
    private readonly SimulationOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly SightPoint _vision;
    private readonly SightPoint _strategy;
    private readonly SightPoint _tyres;
    private readonly SightPoint _radio;

    private RaceTelemetry(CodeSightEngine engine, SimulationOptions options)
    {
        _engine = engine;
        _options = options;
        var sight = engine.Sight;
        _vision = sight.Point("track_vision", Modality.VisionProcessing, ["objects", "confidence"], "onboard_camera");
        _strategy = sight.Point("pit_strategy", Modality.Planning, ["candidates", "score"], "strategy_planner");
        _tyres = sight.Point("tyre_model", Modality.Inference, ["wear", "grip"], "tyre_model");
        _radio = sight.Point("radio_call", Modality.ToolCalling, ["words"], "team_radio");
        sight.SetThreshold("tyre_model", "wear", 0.92);
        var seed = (options.Seed ?? Random.Shared.Next()) ^ 0x5eed;
        _loop = Task.Factory.StartNew(() => RunAsync(new Random(seed), _stop.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Defines the sight points and starts the pit-wall loop.</summary>
    public static RaceTelemetry Start(CodeSightEngine engine, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options.Validate();
        return new RaceTelemetry(engine, options);
    }

    /// <summary>Stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(Random random, CancellationToken cancel)
    {
        var sight = _engine.Sight;
        var lap = 0;
        var wear = 0.0;
        while (!cancel.IsCancellationRequested)
        {
            lap++;
            using (var root = _engine.Recorder.OpenTrail("pit wall lap " + lap, ProbeKind.Run, new Dictionary<string, object?> { ["lap"] = lap }))
            {
                _vision.Measure(scope =>
                {
                    var objects = 2 + random.Next(12);
                    scope.Metric("objects", objects).Metric("confidence", Math.Round(0.6 + random.NextDouble() * 0.4, 3));
                    Burn(random, 20_000 * objects);
                }, root);

                var plan = root.Child(ProbeKind.Model, "pit strategy");
                _strategy.Measure(scope =>
                {
                    var candidates = 3 + random.Next(6);
                    scope.Metric("candidates", candidates).Metric("score", Math.Round(random.NextDouble(), 3));
                    Burn(random, 40_000 * candidates);
                }, plan);
                plan.Dispose();

                wear = wear > 0.97 ? 0.05 : wear + random.NextDouble() * 0.05;
                _tyres.Measure(scope =>
                {
                    scope.Metric("wear", Math.Round(wear, 3)).Metric("grip", Math.Round(1.2 - wear, 3));
                    Burn(random, 60_000);
                }, root);

                if (random.NextDouble() < 0.3)
                {
                    var message = Radio[random.Next(Radio.Length)];
                    _radio.Measure(scope =>
                    {
                        scope.Metric("words", message.Split(' ').Length);
                        Burn(random, 10_000);
                    }, root);
                    sight.Log("team_radio", message, wear > 0.9 ? "WARNING" : "INFO", root);
                }

                sight.Metric("lap_time_ms", Math.Round(78_000 + random.NextDouble() * 4_000 + wear * 3_000, 1), "ms", "race_control", root);
                if (lap % 10 == 0)
                {
                    var temperatures = new float[12];
                    for (var i = 0; i < temperatures.Length; i++) temperatures[i] = (float)(85 + random.NextDouble() * 20 + wear * 10);
                    sight.Tensor(temperatures, [4, 3], "tyre_temperatures", root);
                }
            }

            try
            {
                await Task.Delay(_options.TickInterval * 2, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Real work of random size, so that measured latencies vary: a few hundred microseconds of arithmetic.</summary>
    private static double Burn(Random random, int iterations)
    {
        var n = iterations / 2 + random.Next(Math.Max(1, iterations));
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += Math.Sqrt(i) * 1e-9;
        return sum;
    }
}
