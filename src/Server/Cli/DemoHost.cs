using CodeSight.Actors;
using CodeSight.Engine;
using CodeSight.Hosting;
using CodeSight.Hosting.Runtime;
using CodeSight.Server.Simulation;
using CodeSight.Server.Web;
using CodeSight.Server.Web.Ledger;

namespace CodeSight.Server.Cli;

/// <summary>
/// Everything <c>codesight demo</c> runs, as one disposable: the actor system, the engine, the race (agents and race
/// control), the pit-wall sight points and, unless turned off, the live server. Tests start it in-process.
/// </summary>
internal sealed class DemoHost : IAsyncDisposable
{
    private readonly CodeSightRuntime _runtime;

    private DemoHost(CodeSightRuntime runtime, RaceSimulation race, RaceTelemetry telemetry, DashboardServer? server)
    {
        _runtime = runtime;
        Race = race;
        Telemetry = telemetry;
        Server = server;
    }

    public ActorSystem System => _runtime.System;

    public CodeSightEngine Engine => _runtime.Engine;

    public RaceSimulation Race { get; }

    public RaceTelemetry Telemetry { get; }

    /// <summary>The ledger actor journaling the race, or null when the demo runs without a ledger.</summary>
    public IActorRef? Ledger => _runtime.Ledger;

    /// <summary>The live server, or null when the demo runs without it.</summary>
    public DashboardServer? Server { get; }

    /// <summary>
    /// Starts the demo; <paramref name="server"/> null runs it without the dashboard, <paramref name="ledgerPath"/> null
    /// without a ledger (otherwise the race is journaled there and the dashboard's ledger panel shows it).
    /// </summary>
    public static async Task<DemoHost> StartAsync(SimulationOptions options, double ratio, ServerSettings? server, CancellationToken cancel = default, string? ledgerPath = null)
    {
        options.Validate();
        // The same wiring a generic host gets from services.AddCodeSight: system, engine, ledger, graceful stop.
        var runtime = CodeSightRuntime.Start(new CodeSightOptions
        {
            SystemName = "codesight-demo",
            SamplingRatio = ratio,
            Ledger = { Enabled = ledgerPath is not null, Path = ledgerPath },
            Settings = { ["codesight.hosting.drain-timeout"] = "10s" },
        }, "codesight demo");
        try
        {
            var view = runtime.LedgerSettings is { } ledger ? new SqliteLedgerView(ledger) : null;
            var dashboard = server is null ? null : await DashboardServer.StartAsync(runtime.Engine, server, view, cancel).ConfigureAwait(false);
            var race = RaceSimulation.Start(runtime.Engine, options);
            var telemetry = RaceTelemetry.Start(runtime.Engine, options);
            return new DemoHost(runtime, race, telemetry, dashboard);
        }
        catch
        {
            await runtime.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops the race and the server, then stops the runtime: it waits for the race's trails to close, flushes the
    /// ledger and terminates the system.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Telemetry.DisposeAsync().ConfigureAwait(false);
        await Race.DisposeAsync().ConfigureAwait(false);
        if (Server is not null) await Server.DisposeAsync().ConfigureAwait(false);
        await _runtime.StopAsync().ConfigureAwait(false);
    }
}
