using CodeSight.Engine;
using CodeSight.Hosting;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;
using GenericHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A generic host with CodeSight: usage `GenericHost [--seconds S]` (any other key overrides appsettings.json, e.g.
// `--CodeSight:Ledger:Path other.db`).
// <embed:generic-host>
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddCodeSight(builder.Configuration.GetSection("CodeSight"));
builder.Logging.AddCodeSight();
builder.Services.AddHostedService<AgentLoop>();
using var host = builder.Build();
// </embed:generic-host>

double seconds;
try
{
    seconds = builder.Configuration.GetValue("seconds", 3.0);
}
catch (InvalidOperationException)
{
    seconds = double.NaN;
}

if (!(seconds > 0))
{
    Console.Error.WriteLine($"error: --seconds must be a positive number, not '{builder.Configuration["seconds"]}'");
    return 2;
}

// Resolved before the run, since RunAsync disposes the host (and its services) when it ends.
var loop = host.Services.GetServices<IHostedService>().OfType<AgentLoop>().Single();
var counters = host.Services.GetRequiredService<CodeSightEngine>().Counters;

// Run for a while, then stop the way Ctrl+C would: the host stops the loop first (services stop in reverse order),
// then CodeSight drains its trails, flushes the sinks and the ledger, and terminates its actor system.
using (var timeUp = new CancellationTokenSource(TimeSpan.FromSeconds(seconds)))
{
    await host.RunAsync(timeUp.Token);
}

var ledgerPath = builder.Configuration["CodeSight:Ledger:Path"] ?? "generichost.db";
var verification = LedgerVerifier.Verify(SqliteStoreOptions.ForFile(ledgerPath));
Console.WriteLine($"turns: {loop.Turns}");
Console.WriteLine($"trails: {counters.TrailsAdmitted} admitted, {counters.TrailsCompleted} completed");
Console.WriteLine(verification);
return verification.IsValid && counters.TrailsCompleted.Value == counters.TrailsAdmitted.Value ? 0 : 1;
