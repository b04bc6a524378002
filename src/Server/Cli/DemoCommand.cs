using System.CommandLine;
using System.Globalization;
using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Engine;
using CodeSight.Server.Simulation;

namespace CodeSight.Server.Cli;

/// <summary>
/// <c>codesight demo</c>: runs the race simulation and records it through the engine, printing a status line every
/// second, until <c>--duration</c> passes or Ctrl+C; then shuts down cleanly (every trail closed, sinks flushed).
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var duration = new Option<double?>("--duration") { Description = "Seconds to run; default: until Ctrl+C." };
        var agents = new Option<int>("--agents") { Description = "Racing agents.", DefaultValueFactory = _ => 6 };
        var ratio = new Option<double>("--ratio") { Description = "Head-sampling ratio (0..1) of trails recorded.", DefaultValueFactory = _ => 1.0 };
        var tick = new Option<int>("--tick") { Description = "Milliseconds between turns.", DefaultValueFactory = _ => 100 };
        var failureRate = new Option<double>("--failure-rate") { Description = "Chance (0..1) a tool call fails.", DefaultValueFactory = _ => 0.05 };
        var seed = new Option<int?>("--seed") { Description = "Random seed for a reproducible race." };

        var command = new Command("demo", "Run a small racing simulation recorded through the engine.")
        {
            duration, agents, ratio, tick, failureRate, seed,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var seconds = parse.GetValue(duration);
            if (seconds is <= 0) return Fail("--duration must be positive.");
            var samplingRatio = parse.GetValue(ratio);
            if (samplingRatio is < 0 or > 1 || double.IsNaN(samplingRatio)) return Fail("--ratio must be between 0 and 1.");
            var options = new SimulationOptions(parse.GetValue(agents), TimeSpan.FromMilliseconds(parse.GetValue(tick)), parse.GetValue(failureRate), parse.GetValue(seed));
            if (options.Problem() is { } problem) return Fail(problem);
            return await RunAsync(options, samplingRatio, seconds, Console.Out, cancel);
        });
        return command;
    }

    /// <summary>Runs the demo; returns the exit code.</summary>
    public static async Task<int> RunAsync(SimulationOptions options, double ratio, double? seconds, TextWriter output, CancellationToken cancel)
    {
        var config = ConfigurationFactory.ParseString(
            "codesight.engine.sampling.ratio = " + ratio.ToString("R", CultureInfo.InvariantCulture), "codesight demo");
        using var system = ActorSystem.Create("codesight-demo", config);
        var engine = CodeSightEngine.Start(system);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (seconds is { } s) stop.CancelAfter(TimeSpan.FromSeconds(s));
        Console.CancelKeyPress += OnCancel;
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true; // shut down cleanly instead of dying mid-write
            stop.Cancel();
        }

        await output.WriteLineAsync($"codesight demo: {options.Agents} agents, tick {options.TickInterval.TotalMilliseconds} ms, sampling ratio {ratio}. Ctrl+C to stop.");
        var simulation = RaceSimulation.Start(engine, options);
        var started = DateTime.UtcNow;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                await output.WriteLineAsync(StatusLine(engine, simulation, DateTime.UtcNow - started));
            }
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
            await simulation.DisposeAsync();
            await WaitForTrailsAsync(engine, TimeSpan.FromSeconds(10));
        }
        await output.WriteLineAsync("final: " + StatusLine(engine, simulation, DateTime.UtcNow - started));
        await system.Terminate();
        return Program.Ok;
    }

    private static async Task WaitForTrailsAsync(CodeSightEngine engine, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (engine.RunningTrails > 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    private static string StatusLine(CodeSightEngine engine, RaceSimulation simulation, TimeSpan elapsed)
    {
        var c = engine.Counters;
        return string.Create(CultureInfo.InvariantCulture,
            $"{elapsed.TotalSeconds,5:0}s  turns {simulation.Stats.Turns}  trails completed {c.TrailsCompleted.Value} (running {engine.RunningTrails}, sampled out {c.TrailsSampledOut.Value})  probes closed {c.ProbesClosed.Value}  failures {simulation.Stats.InjectedFailures}");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("codesight demo: " + message);
        return Program.BadUsage;
    }
}
