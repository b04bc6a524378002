using System.Text.Json;
using CodeSight.Hosting.Tests.Support;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CodeSight.Hosting.Tests;

public sealed class HostedLedgerTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task AHostedServiceTrailAndItsLogEntryAreInTheVerifiedLedgerOnceTheHostHasStopped()
    {
        var ledgerPath = _scratch.PathOf("ledger.db");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCodeSight(options =>
        {
            options.SystemName = "checkout-host";
            options.Ledger.Enabled = true;
            options.Ledger.Path = ledgerPath;
            options.Ledger.Synchronous = "full";
        });
        builder.Logging.AddCodeSight();
        builder.Services.AddSingleton<CheckoutOutcome>();
        builder.Services.AddHostedService<CheckoutWorker>();
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        var outcome = host.Services.GetRequiredService<CheckoutOutcome>();
        var store = SqliteStoreOptions.ForFile(ledgerPath);
        var verification = LedgerVerifier.Verify(store);
        Assert.True(verification.IsValid, verification.ToString());

        using var reader = LedgerReader.Open(store);
        var trail = reader.ReplayTrail(outcome.Trail);
        Assert.Equal(["charge-card", "checkout"], trail.Select(p => p.Name).Order().ToArray());
        Assert.Equal(outcome.Root, trail.Single(p => p.Name == "checkout").Id);
        Assert.Equal(outcome.Root, trail.Single(p => p.Name == "charge-card").ParentId);

        var logs = reader.Query(new LedgerQuery { Kind = LedgerEntryKinds.Observation, TrailId = outcome.Trail })
            .Select(entry => JsonDocument.Parse(entry.Payload!).RootElement)
            .Where(entry => entry.GetProperty("sightPoint").GetString() == "log")
            .ToList();
        var log = Assert.Single(logs);
        Assert.Equal(outcome.Charge.ToString(), log.GetProperty("probeId").GetString());
        Assert.Equal(typeof(CheckoutWorker).FullName, log.GetProperty("target").GetString());
        var payload = log.GetProperty("payload");
        Assert.Equal("WARNING", payload.GetProperty("level").GetString());
        Assert.Equal("Charged 12.5 to order 4711", payload.GetProperty("message").GetString());
        var context = log.GetProperty("context");
        Assert.Equal("Charged {Amount} to order {OrderId}", context.GetProperty("{OriginalFormat}").GetString());
        Assert.Equal(12.5, context.GetProperty("Amount").GetDouble());
        Assert.Equal(4711, context.GetProperty("OrderId").GetInt64());
        Assert.Equal(7, context.GetProperty("eventId").GetInt64());
        Assert.Equal("Charged", context.GetProperty("eventName").GetString());
    }
}
