using System.Globalization;
using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Engine;
using CodeSight.Server.Simulation;
using CodeSight.Server.Web;

namespace CodeSight.Server.Cli;

/// <summary>
/// Everything <c>codesight demo</c> runs, as one disposable: the actor system, the engine, the race (agents and race
/// control), the pit-wall sight points and, unless turned off, the live server. Tests start it in-process.
/// </summary>
internal sealed class DemoHost : IAsyncDisposable
{
    private DemoHost(ActorSystem system, CodeSightEngine engine, RaceSimulation race, RaceTelemetry telemetry, DashboardServer? server, HostLedger? ledger)
    {
        Ledger = ledger;
        System = system;
        Engine = engine;
        Race = race;
        Telemetry = telemetry;
        Server = server;
    }

    public ActorSystem System { get; }

    public CodeSightEngine Engine { get; }

    public RaceSimulation Race { get; }

    public RaceTelemetry Telemetry { get; }

    /// <summary>The ledger actor journaling the race, or null when the demo runs without a ledger.</summary>
    public HostLedger? Ledger { get; }

    /// <summary>The live server, or null when the demo runs without it.</summary>
    public DashboardServer? Server { get; }

    /// <summary>
    /// Starts the demo; <paramref name="server"/> null runs it without the dashboard, <paramref name="ledgerPath"/> null
    /// without a ledger (otherwise the race is journaled there and the dashboard's ledger panel shows it).
    /// </summary>
    public static async Task<DemoHost> StartAsync(SimulationOptions options, double ratio, ServerSettings? server, CancellationToken cancel = default, string? ledgerPath = null)
    {
        options.Validate();
        var config = ConfigurationFactory.ParseString(
            "codesight.engine.sampling.ratio = " + ratio.ToString("R", CultureInfo.InvariantCulture), "codesight demo");
        var system = ActorSystem.Create("codesight-demo", config);
        try
        {
            var engine = CodeSightEngine.Start(system);
            var ledger = ledgerPath is null ? null : HostLedger.Start(system, ledgerPath);
            var dashboard = server is null ? null : await DashboardServer.StartAsync(engine, server, ledger?.View, cancel).ConfigureAwait(false);
            var race = RaceSimulation.Start(engine, options);
            var telemetry = RaceTelemetry.Start(engine, options);
            return new DemoHost(system, engine, race, telemetry, dashboard, ledger);
        }
        catch
        {
            await system.Terminate().ConfigureAwait(false);
            system.Dispose();
            throw;
        }
    }

    /// <summary>Stops the race, waits for its trails to close, stops the server and terminates the system.</summary>
    public async ValueTask DisposeAsync()
    {
        await Telemetry.DisposeAsync().ConfigureAwait(false);
        await Race.DisposeAsync().ConfigureAwait(false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Engine.RunningTrails > 0 && DateTime.UtcNow < deadline) await Task.Delay(20).ConfigureAwait(false);
        if (Server is not null) await Server.DisposeAsync().ConfigureAwait(false);
        // Stopping the ledger actor flushes its last batch.
        if (Ledger is not null) await Ledger.StopAsync().ConfigureAwait(false);
        await System.Terminate().ConfigureAwait(false);
        System.Dispose();
    }
}
