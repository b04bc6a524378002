using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Persistence.Ledger;
using CodeSight.Server.Tests.Support;
using CodeSight.Server.Web;
using CodeSight.Server.Web.Ledger;

namespace CodeSight.Server.Tests.Protocol;

public sealed class LedgerPanelTests
{
    [Fact]
    public async Task ReportsTheLedgerHeadAndVerifiesItIntact()
    {
        var path = Path.Combine(Path.GetTempPath(), "codesight-ledger-panel-" + Guid.NewGuid().ToString("n") + ".db");
        var system = ActorSystem.Create("ledger-panel");
        try
        {
            var engine = CodeSightEngine.Start(system);
            var settings = LedgerSettings.FromConfig(system.Settings.Config) with { Path = path, CheckpointEvery = 2 };
            var counters = new LedgerCounters();
            system.ActorOf(LedgerActor.Create(settings, counters), "ledger");
            await using var server = await DashboardServer.StartAsync(engine, new ServerSettings { Port = 0, DiscoveryFile = false }, new SqliteLedgerView(settings));
            await using var client = await WsClient.ConnectAsync(new Uri(server.WebSocketUrl + "?token=" + server.Token));
            var hello = await client.ExpectAsync("hello");
            Assert.True(hello.GetProperty("ledger").GetBoolean());
            var deadline = DateTime.UtcNow + WsClient.DefaultWait;
            while (counters.Persisted < 3 && DateTime.UtcNow < deadline)
            {
                using (var root = engine.Recorder.OpenTrail("journaled", ProbeKind.Run))
                {
                    using var child = root.Child(ProbeKind.Tool, "step");
                }

                await Task.Delay(50);
            }

            Assert.True(counters.Persisted >= 3, $"the ledger persisted {counters.Persisted} entries ({counters.LastError})");
            await client.SendAsync("""{"type":"ledger","id":"s","action":"status"}""");
            var status = await client.ExpectAsync("ledger");
            Assert.True(status.GetProperty("size").GetInt64() >= 3);
            Assert.Equal(64, status.GetProperty("chainHead").GetString()!.Length);
            await client.SendAsync("""{"type":"ledger","id":"v","action":"verify"}""");
            var verification = await client.ExpectAsync("verification");
            Assert.True(verification.GetProperty("valid").GetBoolean(), verification.GetProperty("problem").GetString());
            Assert.True(verification.GetProperty("entriesChecked").GetInt64() >= 3);
        }
        finally
        {
            await system.Terminate();
            system.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(file);
        }
    }

    [Fact]
    public async Task RefusesToVerifyWithoutTheToken()
    {
        var path = Path.Combine(Path.GetTempPath(), "codesight-ledger-panel-" + Guid.NewGuid().ToString("n") + ".db");
        await using var live = await LiveServer.StartAsync();
        await using var server = await DashboardServer.StartAsync(live.Engine, new ServerSettings { Port = 0, DiscoveryFile = false },
            new SqliteLedgerView(new LedgerSettings { Path = path }));
        await using var client = await WsClient.ConnectAsync(server.WebSocketUrl);
        await client.SendAsync("""{"type":"ledger","action":"status"}""");
        var status = await client.ExpectAsync("ledger");
        Assert.Equal(0, status.GetProperty("size").GetInt64());
        await client.SendAsync("""{"type":"ledger","action":"verify"}""");
        Assert.Equal("unauthorized", (await client.ExpectAsync("error")).GetProperty("code").GetString());
    }
}
