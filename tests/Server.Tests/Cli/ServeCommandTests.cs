using System.Text.RegularExpressions;
using CodeSight.Actors.Configuration;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;
using CodeSight.Server.Cli;
using CodeSight.Server.Tests.Support;
using CodeSight.Server.Web;

namespace CodeSight.Server.Tests.Cli;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task ServeWithALedgerJournalsWhatHostsIngestAndTheLedgerVerifies()
    {
        var path = Path.Combine(Path.GetTempPath(), "codesight-serve-ledger-" + Guid.NewGuid().ToString("n") + ".db");
        try
        {
            var output = new LineWriter();
            using var stop = new CancellationTokenSource();
            var settings = new ServerSettings { Port = 0, DiscoveryFile = false, StatsInterval = TimeSpan.FromMilliseconds(100) };
            var serve = ServeCommand.RunAsync(null, settings, null, output, stop.Token, path);
            var dashboard = await output.WaitForAsync(line => line.StartsWith("codesight serve: dashboard ", StringComparison.Ordinal));
            await output.WaitForAsync(line => line == $"ledger: {path} (what hosts ingest is journaled there)");
            var url = new Uri(dashboard["codesight serve: dashboard ".Length..]);
            var token = Regex.Match(url.Query, "token=([^&]+)").Groups[1].Value;

            await using (var client = await WsClient.ConnectAsync(new Uri($"ws://{url.Authority}/ws?token={token}")))
            {
                await client.ExpectAsync("hello", m => m.GetProperty("ledger").GetBoolean());
                await client.SendAsync("""
                    {"type":"ingest","id":"i1","items":[
                      {"kind":"open","trailId":"0af7651916cd43dd8448eb211c80319c","probeId":"b7ad6b7169203331","probeKind":"run","name":"remote step","at":1700000000000},
                      {"kind":"close","trailId":"0af7651916cd43dd8448eb211c80319c","probeId":"b7ad6b7169203331","status":"ok","at":1700000000042.5},
                      {"kind":"observation","sightPoint":"planner","target":"planner","modality":"planning","metrics":{"latency_ms":12.5},
                       "payload":{"type":"log","message":"replanned","level":"WARNING"},"timestamp":1700000000001}]}
                    """);
                // The trail the ingest completes may come before or after the ack.
                var answers = await client.ExpectEachAsync(
                    ("ack", m => m.GetProperty("id").GetString() == "i1"),
                    ("trail", m => m.GetProperty("trailId").GetString() == "0af7651916cd43dd8448eb211c80319c"));
                Assert.Equal(0, answers[0].GetProperty("skipped").GetInt32());
                // The ledger writes in batches: ask for its status until both entries are in.
                var deadline = DateTime.UtcNow + WsClient.DefaultWait;
                long size;
                do
                {
                    await client.SendAsync("""{"type":"ledger","id":"s","action":"status"}""");
                    size = (await client.ExpectAsync("ledger")).GetProperty("size").GetInt64();
                }
                while (size < 2 && DateTime.UtcNow < deadline);

                Assert.Equal(2, size);
                await client.SendAsync("""{"type":"ledger","id":"v","action":"verify"}""");
                var verification = await client.ExpectAsync("verification");
                Assert.True(verification.GetProperty("valid").GetBoolean(), verification.GetProperty("problem").GetString());
                Assert.Equal(2, verification.GetProperty("entriesChecked").GetInt64());
            }

            await stop.CancelAsync();
            Assert.Equal(Program.Ok, await serve.WaitAsync(TimeSpan.FromSeconds(30)));

            var report = new StringWriter();
            Assert.Equal(Program.Ok, LedgerCommand.Verify(path, report));
            Assert.Matches(@"ledger verifies: 2 entries \(0 pruned\)", report.ToString());
            using var reader = LedgerReader.Open(SqliteStoreOptions.ForFile(path));
            Assert.Equal(2, reader.Size);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*")) File.Delete(file);
        }
    }

    [Fact]
    public async Task ServeStartsTheSinksItsConfigFileSwitchesOnAndFlushesThemWhenItStops()
    {
        var folder = Directory.CreateTempSubdirectory("codesight-serve-sinks-").FullName;
        try
        {
            var ndjson = Path.Combine(folder, "served.ndjson");
            var config = Path.Combine(folder, "serve.conf");
            // Flush only every 1,000 records: the record below reaches the file only through the stop's flush.
            await File.WriteAllTextAsync(config, $"codesight.engine.sinks.file {{ enabled = on, path = \"{ndjson}\", flush.every-records = 1000, flush.interval = 1h }}\n");
            var output = new LineWriter();
            using var stop = new CancellationTokenSource();
            var settings = new ServerSettings { Port = 0, DiscoveryFile = false };
            var serve = ServeCommand.RunAsync(config, settings, null, output, stop.Token);
            var dashboard = await output.WaitForAsync(line => line.StartsWith("codesight serve: dashboard ", StringComparison.Ordinal));
            var url = new Uri(dashboard["codesight serve: dashboard ".Length..]);
            var token = Regex.Match(url.Query, "token=([^&]+)").Groups[1].Value;
            await using (var client = await WsClient.ConnectAsync(new Uri($"ws://{url.Authority}/ws?token={token}")))
            {
                await client.ExpectAsync("hello");
                await client.SendAsync("""
                    {"type":"ingest","id":"i1","items":[
                      {"kind":"open","trailId":"1af7651916cd43dd8448eb211c80319c","probeId":"c7ad6b7169203331","probeKind":"run","name":"served step","at":1700000000000},
                      {"kind":"close","trailId":"1af7651916cd43dd8448eb211c80319c","probeId":"c7ad6b7169203331","status":"ok","at":1700000000010}]}
                    """);
                await client.ExpectAsync("ack", m => m.GetProperty("id").GetString() == "i1");
            }

            await stop.CancelAsync();
            Assert.Equal(Program.Ok, await serve.WaitAsync(TimeSpan.FromSeconds(30)));

            var lines = await File.ReadAllLinesAsync(ndjson);
            var record = Assert.Single(lines);
            Assert.Contains("\"name\":\"served step\"", record, StringComparison.Ordinal);
            Assert.Contains("\"traceId\":\"1af7651916cd43dd8448eb211c80319c\"", record, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
