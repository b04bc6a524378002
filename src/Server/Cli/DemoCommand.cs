using System.CommandLine;
using System.Globalization;
using CodeSight.Actors.Configuration;
using CodeSight.Engine;
using CodeSight.Server.Simulation;
using CodeSight.Server.Web;

namespace CodeSight.Server.Cli;

/// <summary>
/// <c>codesight demo</c>: runs the race simulation and records it through the engine, serves the live dashboard
/// (its URL, with the token, is printed), and prints a status line every second, until <c>--duration</c> passes or
/// Ctrl+C; then shuts down cleanly (every trail closed, sinks flushed).
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
        var port = new Option<int>("--port") { Description = "Port of the dashboard and WebSocket server on 127.0.0.1; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "Run without the live server." };
        var ledger = new Option<FileInfo>("--db", "--ledger")
        {
            Description = "The SQLite ledger the race is journaled into (created or continued); the dashboard's ledger panel shows and verifies it.",
            DefaultValueFactory = _ => new FileInfo("codesight.db"),
        };
        var noLedger = new Option<bool>("--no-ledger") { Description = "Record without journaling to a ledger." };

        var command = new Command("demo", "Run a small racing simulation recorded through the engine.")
        {
            duration, agents, ratio, tick, failureRate, seed, port, noDashboard, ledger, noLedger,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var seconds = parse.GetValue(duration);
            if (seconds is <= 0) return Fail("--duration must be positive.");
            var samplingRatio = parse.GetValue(ratio);
            if (samplingRatio is < 0 or > 1 || double.IsNaN(samplingRatio)) return Fail("--ratio must be between 0 and 1.");
            var options = new SimulationOptions(parse.GetValue(agents), TimeSpan.FromMilliseconds(parse.GetValue(tick)), parse.GetValue(failureRate), parse.GetValue(seed));
            if (options.Problem() is { } problem) return Fail(problem);
            var portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535) return Fail($"--port must be between 0 and 65535 (got {portNumber}).");
            ServerSettings? server = null;
            if (!parse.GetValue(noDashboard))
            {
                try
                {
                    server = ServerSettings.FromConfig(ConfigurationFactory.Load()) with { Port = portNumber };
                }
                catch (ConfigurationException e)
                {
                    return Fail(e.Message);
                }
            }

            var ledgerPath = parse.GetValue(noLedger) ? null : parse.GetValue(ledger)?.FullName;
            return await RunAsync(options, samplingRatio, seconds, Console.Out, cancel, server, ledgerPath);
        });
        return command;
    }

    /// <summary>
    /// Runs the demo; returns the exit code. <paramref name="server"/> null runs it without the dashboard,
    /// <paramref name="ledgerPath"/> null without a ledger.
    /// </summary>
    public static async Task<int> RunAsync(SimulationOptions options, double ratio, double? seconds, TextWriter output, CancellationToken cancel, ServerSettings? server = null, string? ledgerPath = null)
    {
        DemoHost host;
        try
        {
            host = await DemoHost.StartAsync(options, ratio, server, cancel, ledgerPath);
        }
        catch (IOException e)
        {
            return Fail(e.Message + " Choose another port with --port (0 picks a free one).");
        }
        catch (ConfigurationException e)
        {
            // Such as a --ledger path whose folder does not exist: the message names the setting and the value.
            return Fail(e.Message);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (seconds is { } s) stop.CancelAfter(TimeSpan.FromSeconds(s));
        Console.CancelKeyPress += OnCancel;
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true; // shut down cleanly instead of dying mid-write
            stop.Cancel();
        }

        await output.WriteLineAsync($"codesight demo: {options.Agents} agents, tick {options.TickInterval.TotalMilliseconds} ms, sampling ratio {ratio}. Ctrl+C to stop.");
        if (host.Server is { } dashboard)
        {
            await output.WriteLineAsync($"dashboard: {dashboard.UrlWithToken}");
            await output.WriteLineAsync($"websocket: {dashboard.WebSocketUrl} (protocol v1, docs/protocol.md)");
        }

        if (ledgerPath is not null) await output.WriteLineAsync($"ledger: {ledgerPath}");

        var engine = host.Engine;
        var simulation = host.Race;
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
            await host.DisposeAsync();
        }
        await output.WriteLineAsync("final: " + StatusLine(engine, simulation, DateTime.UtcNow - started));
        return Program.Ok;
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
