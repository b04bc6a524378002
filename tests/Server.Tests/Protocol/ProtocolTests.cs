using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Server.Tests.Support;

namespace CodeSight.Server.Tests.Protocol;

public sealed class ProtocolTests
{
    [Fact]
    public async Task GreetsWithHelloNamingProtocolOneThenSendsSightStateAndBacklog()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await WsClient.ConnectAsync(live.Ws);
        var hello = await client.ExpectAsync("hello");
        Assert.Equal(1, hello.GetProperty("protocol").GetInt32());
        Assert.Equal(Environment.ProcessId, hello.GetProperty("server").GetProperty("pid").GetInt32());
        Assert.False(hello.GetProperty("authorized").GetBoolean());
        Assert.False(hello.GetProperty("tokenRequiredToRead").GetBoolean());
        var sight = await client.ExpectAsync("sight");
        Assert.True(sight.GetProperty("enabled").GetBoolean());
        var backlog = await client.ExpectAsync("backlog");
        Assert.Equal(JsonValueKind.Array, backlog.GetProperty("items").ValueKind);
    }

    [Fact]
    public async Task BacklogCarriesWhatWasRecordedBeforeTheClientConnected()
    {
        await using var live = await LiveServer.StartAsync();
        var point = live.Engine.Sight.Point("before_connect", Modality.Planning);
        point.Measure(_ => { });
        await using var first = await live.ConnectAsync();
        await first.ExpectAsync("stats"); // the bridge has had time to see the observation once stats flow
        await using var client = await WsClient.ConnectAsync(live.Ws);
        await client.ExpectAsync("hello");
        var backlog = await client.ExpectAsync("backlog");
        Assert.Contains(backlog.GetProperty("items").EnumerateArray(),
            item => item.GetProperty("type").GetString() == "observation" && item.GetProperty("sightPoint").GetString() == "before_connect");
    }

    [Fact]
    public async Task StreamsTheSignalsAndTheCompletedTrailOfWorkRecordedWhileConnected()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        TrailId trailId;
        using (var root = live.Engine.Recorder.OpenTrail("lap one", ProbeKind.Run))
        {
            trailId = root.TrailId;
            using var child = root.Child(ProbeKind.Tool, "read_telemetry");
        }

        var open = await client.ExpectAsync("signal", m => m.GetProperty("phase").GetString() == "open");
        Assert.Equal(trailId.ToString(), open.GetProperty("probe").GetProperty("traceId").GetString());
        Assert.Equal("lap one", open.GetProperty("probe").GetProperty("name").GetString());
        var trail = await client.ExpectAsync("trail");
        Assert.Equal(trailId.ToString(), trail.GetProperty("trailId").GetString());
        var probes = trail.GetProperty("probes").EnumerateArray().ToList();
        Assert.Equal(2, probes.Count);
        Assert.Equal("action", probes[1].GetProperty("kind").GetString());
        Assert.Equal("ok", probes[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ASubscribeFilterOnModalityPassesOnlyThatModality()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        await client.SendAsync("""{"type":"subscribe","id":"s1","filter":{"modalities":["planning"]}}""");
        var ack = await client.ExpectAsync("ack");
        Assert.Equal("s1", ack.GetProperty("id").GetString());
        await client.ExpectAsync("backlog");
        var vision = live.Engine.Sight.Point("camera", Modality.VisionProcessing);
        var planning = live.Engine.Sight.Point("planner", Modality.Planning);
        vision.Measure(_ => { });
        using (live.Engine.Recorder.OpenTrail("not an observation", ProbeKind.Run))
        {
        }

        planning.Measure(_ => { });
        // Items arrive in publish order, so anything let through wrongly would come before the planner's observation.
        var seenTypes = new List<string>();
        while (true)
        {
            var message = await client.ReceiveAsync() ?? throw new InvalidOperationException("closed");
            var type = message.GetProperty("type").GetString()!;
            if (type is "stats" or "sight") continue;
            seenTypes.Add(type + ":" + (message.TryGetProperty("sightPoint", out var p) ? p.GetString() : ""));
            if (type == "observation") break;
        }

        Assert.Equal(["observation:planner"], seenTypes);
    }

    [Fact]
    public async Task ASubscriptionsAckIsFollowedByItsBacklogEvenWhileStatsGoOutBackToBack()
    {
        // The docs promise an ack followed right away by a fresh, filtered backlog. A stats message the hub's timer
        // queued between the two once came in the middle, and tail --json printed it before the backlog.
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        using var stop = new CancellationTokenSource();
        var stats = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // As fast as the client takes them, but never so far ahead that its control queue overflows and
                // drops the ack itself.
                if (live.Server.Hub.Clients.All(c => c.ControlQueued < 32)) live.Server.Hub.SendStats();
                await Task.Yield();
            }
        });
        var statsBetween = 0;
        for (var i = 0; i < 400; i++)
        {
            await client.SendAsync($$$"""{"type":"subscribe","id":"s{{{i}}}","filter":{"kinds":["observation"]}}""");
            await client.ExpectAsync("ack", m => m.GetProperty("id").GetString() == $"s{i}");
            var next = await client.ReceiveAsync() ?? throw new InvalidOperationException("closed");
            if (next.GetProperty("type").GetString() != "backlog") statsBetween++;
        }

        await stop.CancelAsync();
        await stats;
        Assert.Equal(0, statsBetween);
    }

    [Fact]
    public async Task RejectsASubscribeFilterWithAnUnknownModalityNamingTheIndex()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        await client.SendAsync("""{"type":"subscribe","id":7,"filter":{"modalities":["planning","telepathy"]}}""");
        var error = await client.ExpectAsync("error");
        Assert.Equal("7", error.GetProperty("id").GetString());
        Assert.Equal("filter.modalities[1]", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task RefusesIngestWithoutTheToken()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        await client.SendAsync("""{"type":"ingest","id":"i1","items":[]}""");
        var error = await client.ExpectAsync("error");
        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
        Assert.Equal("i1", error.GetProperty("id").GetString());
    }

    [Fact]
    public async Task RefusesCommandsWithoutTheTokenAndLeavesTheHostUnchanged()
    {
        await using var live = await LiveServer.StartAsync();
        live.Engine.Sight.Point("steering", Modality.Planning);
        await using var client = await live.ConnectAsync();
        await client.SendAsync("""{"type":"command","command":"disable_point","point":"steering"}""");
        var error = await client.ExpectAsync("error");
        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
        Assert.True(live.Engine.Sight.IsEnabled("steering"));
    }

    [Fact]
    public async Task AuthWithAWrongTokenFailsAndWithTheRightOneAllowsCommands()
    {
        await using var live = await LiveServer.StartAsync();
        live.Engine.Sight.Point("steering", Modality.Planning);
        await using var client = await live.ConnectAsync();
        await client.SendAsync("""{"type":"auth","token":"not-the-token"}""");
        Assert.Equal("bad_token", (await client.ExpectAsync("error")).GetProperty("code").GetString());
        await client.SendAsync($$"""{"type":"auth","token":"{{live.Server.Token}}"}""");
        await client.ExpectAsync("ack", m => m.GetProperty("request").GetString() == "auth");
        await client.SendAsync("""{"type":"command","id":"c","command":"disable_point","point":"steering"}""");
        await client.ExpectAsync("ack", m => m.GetProperty("id").GetString() == "c");
        Assert.False(live.Engine.Sight.IsEnabled("steering"));
    }

    [Fact]
    public async Task IngestedProbesBecomeATrailInTheEngine()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync(withToken: true);
        var trail = TrailId.New().ToString();
        var root = ProbeId.New().ToString();
        var tool = ProbeId.New().ToString();
        await client.SendAsync($$"""
            {"type":"ingest","id":"batch","items":[
              {"kind":"open","trailId":"{{trail}}","probeId":"{{root}}","probeKind":"run","name":"python agent","at":1700000000000},
              {"kind":"open","trailId":"{{trail}}","probeId":"{{tool}}","parentId":"{{root}}","probeKind":"tool","name":"search","attributes":{"query":"tyres","hits":3},"at":1700000000001.5},
              {"kind":"fail","trailId":"{{trail}}","probeId":"{{tool}}","error":{"message":"rate limited","name":"HTTPError"} },
              {"kind":"close","trailId":"{{trail}}","probeId":"{{tool}}","at":1700000000010},
              {"kind":"close","trailId":"{{trail}}","probeId":"{{root}}","at":1700000000020}
            ]}
            """);
        // The trail the ingest completes may come before or after the ack.
        var answers = await client.ExpectEachAsync(
            ("ack", m => m.GetProperty("id").GetString() == "batch"),
            ("trail", m => m.GetProperty("trailId").GetString() == trail));
        var (ack, completed) = (answers[0], answers[1]);
        Assert.Equal(5, ack.GetProperty("accepted").GetInt32());
        var probes = completed.GetProperty("probes").EnumerateArray().ToList();
        Assert.Equal("search", probes[1].GetProperty("name").GetString());
        Assert.Equal("error", probes[1].GetProperty("status").GetString());
        Assert.Equal("rate limited", probes[1].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(1700000000001.5m, probes[1].GetProperty("startedAt").GetDecimal());
        Assert.Equal("3", probes[1].GetProperty("attributes").GetProperty("hits").GetRawText());
    }

    [Fact]
    public async Task IngestedObservationsAreStreamedLikeTheHostsOwn()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync(withToken: true);
        await client.SendAsync("""
            {"type":"ingest","items":[{"kind":"observation","sightPoint":"py_planner","target":"planner","modality":"planning",
              "metrics":{"latency_ms":12.5},"payload":{"type":"log","message":"replanned","level":"WARNING"}}]}
            """);
        var observation = await client.ExpectAsync("observation", m => m.GetProperty("sightPoint").GetString() == "py_planner");
        Assert.Equal(12.5, observation.GetProperty("metrics").GetProperty("latency_ms").GetDouble());
        Assert.Equal("WARNING", observation.GetProperty("payload").GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("""{"kind":"open","trailId":"T","probeId":"zz","probeKind":"run","name":"x"}""", "items[1].probeId")]
    [InlineData("""{"kind":"open","trailId":"T","probeId":"00000000000000aa","probeKind":"robot","name":"x"}""", "items[1].probeKind")]
    [InlineData("""{"kind":"open","trailId":"T","probeId":"00000000000000aa","probeKind":"run"}""", "items[1].name")]
    [InlineData("""{"kind":"update","trailId":"T","probeId":"00000000000000aa","attributes":{"insight.fault.message":"x"}}""", "items[1].attributes.insight.fault.message")]
    [InlineData("""{"kind":"close","trailId":"T","probeId":"00000000000000aa","status":"open"}""", "items[1].status")]
    [InlineData("""{"kind":"observation","sightPoint":"a b","target":"t","modality":"planning"}""", "items[1].sightPoint")]
    [InlineData("""{"kind":"observation","sightPoint":"ab","target":"t","modality":"dreaming"}""", "items[1].modality")]
    [InlineData("""{"kind":"observation","sightPoint":"ab","target":"t","modality":"planning","metrics":{"x":"fast"}}""", "items[1].metrics.x")]
    [InlineData("""{"kind":"record","record":{"id":"00000000000000aa"}}""", "items[1].record.traceId")]
    [InlineData("""{"kind":"teleport"}""", "items[1].kind")]
    public async Task RejectsABadIngestItemNamingItsFieldAndAppliesNothingOfTheBatch(string badItem, string field)
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync(withToken: true);
        var trail = TrailId.New().ToString();
        var good = $$"""{"kind":"open","trailId":"{{trail}}","probeId":"{{ProbeId.New()}}","probeKind":"run","name":"fine"}""";
        var bad = badItem.Replace("\"T\"", "\"" + trail + "\"", StringComparison.Ordinal);
        await client.SendAsync("{\"type\":\"ingest\",\"id\":\"b\",\"items\":[" + good + "," + bad + "]}");
        var error = await client.ExpectAsync("error");
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal("b", error.GetProperty("id").GetString());
        Assert.Contains(field, error.GetProperty("message").GetString());
        // The good item before the bad one did not reach the engine: the batch is all or nothing.
        await client.SendAsync("""{"type":"ping","id":"after"}""");
        await client.ExpectAsync("pong");
        Assert.Equal(0, live.Engine.Counters.ProbesOpened.Value);
    }

    [Fact]
    public async Task AnswersMalformedJsonWithAnErrorAndKeepsTheConnection()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        await client.SendAsync("""{"type":"ping",""");
        var error = await client.ExpectAsync("error");
        Assert.Equal("malformed_json", error.GetProperty("code").GetString());
        Assert.Contains("line 1", error.GetProperty("message").GetString());
        await client.SendAsync("""{"type":"ping","id":"still here"}""");
        var pong = await client.ExpectAsync("pong");
        Assert.Equal("still here", pong.GetProperty("id").GetString());
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task AnswersAnUnknownMessageTypeWithAnErrorNamingTheField()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        await client.SendAsync("""{"type":"dance"}""");
        var error = await client.ExpectAsync("error");
        Assert.Equal("unknown_type", error.GetProperty("code").GetString());
        Assert.Equal("type", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task ClosesWithMessageTooBigWhenAMessageExceedsTheLimit()
    {
        await using var live = await LiveServer.StartAsync(s => s with { MaxMessageBytes = 4096 });
        await using var client = await live.ConnectAsync();
        var huge = Encoding.UTF8.GetBytes("{\"type\":\"ping\",\"pad\":\"" + new string('x', 10_000) + "\"}");
        await client.SendRawAsync(huge);
        var error = await client.ExpectAsync("error");
        Assert.Equal("too_big", error.GetProperty("code").GetString());
        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.Socket.CloseStatus);
    }

    [Fact]
    public async Task RefusesAHandshakeFromAForeignOrigin()
    {
        await using var live = await LiveServer.StartAsync();
        var refused = await Assert.ThrowsAsync<WebSocketException>(() =>
            WsClient.ConnectAsync(live.Ws, o => { o.SetRequestHeader("Origin", "http://evil.example"); o.CollectHttpResponseDetails = true; }));
        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task AcceptsAHandshakeFromItsOwnOriginAndAConfiguredOne()
    {
        await using var live = await LiveServer.StartAsync(s => s with { AllowedOrigins = ["https://ops.example.com"] });
        await using var own = await WsClient.ConnectAsync(live.Ws, o => o.SetRequestHeader("Origin", $"http://127.0.0.1:{live.Server.Port}"));
        await own.ExpectAsync("hello");
        await using var configured = await WsClient.ConnectAsync(live.Ws, o => o.SetRequestHeader("Origin", "https://ops.example.com"));
        await configured.ExpectAsync("hello");
    }

    [Fact]
    public async Task OffLoopbackEveryConnectionNeedsTheToken()
    {
        await using var live = await LiveServer.StartAsync(s => s with { Host = "0.0.0.0" });
        var ws = new Uri($"ws://127.0.0.1:{live.Server.Port}/ws");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => WsClient.ConnectAsync(ws));
        Assert.Contains("401", refused.Message);
        await using var client = await WsClient.ConnectAsync(ws, o => o.SetRequestHeader("Authorization", "Bearer " + live.Server.Token));
        var hello = await client.ExpectAsync("hello");
        Assert.True(hello.GetProperty("authorized").GetBoolean());
        Assert.True(hello.GetProperty("tokenRequiredToRead").GetBoolean());
    }

    [Fact]
    public async Task ASlowClientLosesMessagesCountedInItsStatsWhileTheEngineKeepsGoing()
    {
        await using var live = await LiveServer.StartAsync(s => s with { ClientQueue = 8 });
        await using var slow = await live.ConnectAsync();
        var text = new string('y', 16 * 1024);
        // The slow client reads nothing while this runs; its socket buffers fill, then its queue, then it drops.
        for (var i = 0; i < 3000; i++) live.Engine.Sight.Log("flood", text);
        // The engine was never held up: every log was published, and the hub saw them all.
        var deadline = DateTime.UtcNow + WsClient.DefaultWait;
        while (live.Server.Hub.Published(CodeSight.Server.Web.Protocol.LiveKind.Observation) < 3000 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(3000, live.Server.Hub.Published(CodeSight.Server.Web.Protocol.LiveKind.Observation));
        Assert.True(live.Server.DroppedForSlowClients > 0, "the slow client dropped nothing");
        var stats = await slow.ExpectAsync("stats", m => m.GetProperty("client").GetProperty("dropped").GetInt64() > 0, TimeSpan.FromSeconds(30));
        Assert.True(stats.GetProperty("server").GetProperty("dropped").GetInt64() >= stats.GetProperty("client").GetProperty("dropped").GetInt64());
    }

    [Fact]
    public async Task StatsTakenMidFloodNeverShowTheClientAheadOfTheServerTotal()
    {
        await using var live = await LiveServer.StartAsync(s => s with { ClientQueue = 4 });
        await using var slow = await live.ConnectAsync();
        var text = new string('z', 16 * 1024);
        // Logs keep arriving (and dropping) while stats are taken back to back, so some stats are cut mid-drop.
        var flood = Task.Run(() =>
        {
            for (var i = 0; i < 4000; i++) live.Engine.Sight.Log("flood", text);
        });
        var stats = Task.Run(async () =>
        {
            while (!flood.IsCompleted)
            {
                live.Server.Hub.SendStats();
                await Task.Delay(1);
            }
        });
        var checkedStats = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((!flood.IsCompleted || checkedStats < 20) && DateTime.UtcNow < deadline)
        {
            var message = await slow.ReceiveAsync();
            Assert.NotNull(message);
            if (message.Value.GetProperty("type").GetString() != "stats") continue;
            var client = message.Value.GetProperty("client").GetProperty("dropped").GetInt64();
            var server = message.Value.GetProperty("server").GetProperty("dropped").GetInt64();
            Assert.True(server >= client, $"stats said the server dropped {server} in all but this client alone {client}");
            checkedStats++;
        }

        await flood;
        await stats;
        Assert.True(checkedStats >= 20, $"only {checkedStats} stats arrived");
        Assert.True(live.Server.DroppedForSlowClients > 0, "nothing was dropped, so the stats were never cut mid-drop");
    }

    [Fact]
    public async Task StatsReportRatesOpenTrailsAndEngineCounters()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        using (live.Engine.Recorder.OpenTrail("counted", ProbeKind.Run))
        {
        }

        // Completed is counted as the trail completes, ended once its shard has let it go: wait for both.
        var stats = await client.ExpectAsync("stats", m =>
            m.GetProperty("engine").GetProperty("trailsCompleted").GetInt64() == 1 && m.GetProperty("engine").GetProperty("trailsEnded").GetInt64() == 1);
        Assert.Equal(1, stats.GetProperty("engine").GetProperty("trailsAdmitted").GetInt64());
        Assert.Equal(0, stats.GetProperty("openTrails").GetInt32());
        Assert.True(stats.GetProperty("rates").TryGetProperty("signals", out _));
        Assert.True(stats.GetProperty("kernel").TryGetProperty("deadLetters", out _));
        Assert.Equal(1, stats.GetProperty("server").GetProperty("clients").GetInt32());
    }

    [Fact]
    public async Task AnswersLedgerRequestsWithNoLedgerWhenNoneIsWired()
    {
        await using var live = await LiveServer.StartAsync();
        await using var client = await live.ConnectAsync();
        await client.SendAsync("""{"type":"ledger","id":"l","action":"status"}""");
        var error = await client.ExpectAsync("error");
        Assert.Equal("no_ledger", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ServesTheDashboardPageWithAStrictContentSecurityPolicy()
    {
        await using var live = await LiveServer.StartAsync();
        using var http = new HttpClient();
        var response = await http.GetAsync(live.Server.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(live.Server.Url, "/nothing-here.js"))).StatusCode);
    }
}
