using System.Globalization;
using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Engine;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;
using GameLoop;

// A plain console game loop recording into CodeSight: usage `GameLoop [--frames N] [--db PATH] [--seed S] [--ratio R]`.
GameLoopOptions options;
try
{
    options = GameLoopOptions.Parse(args);
}
catch (ArgumentException bad)
{
    Console.Error.WriteLine($"error: {bad.Message}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop the loop, then flush the ledger as usual
    cancel.Cancel();
};

// <embed:game-loop>
var config = ConfigurationFactory.ParseString(
    "codesight.engine.sampling.ratio = " + options.Ratio.ToString("R", CultureInfo.InvariantCulture));
using var system = ActorSystem.Create("game-loop", config);
var engine = CodeSightEngine.Start(system);
var ledgerSettings = LedgerSettings.FromConfig(system.Settings.Config) with { Path = options.LedgerPath };
var ledgerCounters = new LedgerCounters();
var ledger = LedgerActor.Start(system, ledgerSettings, ledgerCounters);

var world = new World(engine, options.Seed);
var loop = new FixedStepLoop(TimeSpan.FromSeconds(1.0 / 60));
var (frames, elapsed) = loop.Run(options.Frames, world.Step, cancel.Token);

// Shut down in order: let the last trails close, flush the ledger (a stop alone would drop what its writer has not
// written yet) and stop it (it checkpoints), then the system.
await TrailsDrained(engine, TimeSpan.FromSeconds(10));
await ledger.Ask<LedgerFlushed>(FlushLedger.Instance, TimeSpan.FromSeconds(10));
await ledger.GracefulStop(TimeSpan.FromSeconds(10));
await engine.StopAsync(TimeSpan.FromSeconds(5));
await system.Terminate();
var verification = LedgerVerifier.Verify(SqliteStoreOptions.ForFile(options.LedgerPath));
// </embed:game-loop>

var counters = engine.Counters;
Console.WriteLine(FormattableString.Invariant(
    $"frames: {frames} in {elapsed.TotalSeconds:F2} s (fixed step {loop.Step.TotalMilliseconds:F1} ms, {loop.BacklogsDropped} backlogs dropped)"));
foreach (var entity in world.Entities)
{
    Console.WriteLine(FormattableString.Invariant(
        $"  {entity.Name}: x={entity.X:F1} energy={entity.Energy:F0} output={entity.Output:F2}"));
}

Console.WriteLine(
    $"trails: {counters.TrailsAdmitted} admitted, {counters.TrailsSampledOut} sampled out, {counters.TrailsCompleted} completed; " +
    $"probes: {counters.ProbesClosed} closed, {world.Failures} failed actions");
Console.WriteLine($"ledger: {options.LedgerPath}, {ledgerCounters.Persisted} entries written, {ledgerCounters.Failed} failed");
Console.WriteLine(verification);
return verification.IsValid && ledgerCounters.Failed == 0 ? 0 : 1;

// The loop closed its last trail on this thread, but the trail actors finish on the engine's: wait for them.
static async Task TrailsDrained(CodeSightEngine engine, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    while (engine.RunningTrails > 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
}
