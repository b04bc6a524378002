using System.Text.Json;
using System.Text.RegularExpressions;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Discovery;
using CodeSight.Server.Cli;
using CodeSight.Server.Tests.Support;

namespace CodeSight.Server.Tests.Cli;

public sealed class TailCommandTests
{
    [Fact]
    public async Task PrintsLiveSignalsObservationsAndTrailsAsReadableLinesUntilTheCount()
    {
        await using var live = await LiveServer.StartAsync();
        var output = new LineWriter();
        var errors = new LineWriter();
        await WarmUpAsync(live, "warm_up", Modality.Planning);
        var tail = TailCommand.RunAsync(new TailOptions { Url = live.Server.Url.ToString(), Count = 4, Backlog = 1 }, output, errors, null, CancellationToken.None);
        await output.WaitForAsync(line => line.Contains("warm_up", StringComparison.Ordinal));

        var point = live.Engine.Sight.Point("pit_strategy", Modality.Planning, target: "strategy_planner");
        string trailId;
        using (var root = live.Engine.Recorder.OpenTrail("lap one", ProbeKind.Run))
        {
            trailId = root.TrailId.ToString();
        }

        point.Measure(_ => { });

        Assert.Equal(Program.Ok, await tail.WaitAsync(WsClient.DefaultWait));
        // Signals go through the trail's actor, the observation straight to the event stream: their order may vary.
        var lines = output.Lines.Skip(1).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, line => Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} ", line));
        var id = trailId[..8];
        Assert.Contains(lines, l => Regex.IsMatch(l, $@" signal  open   {id}/[0-9a-f]{{8}}  lap one  run$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, $@" signal  close  {id}/[0-9a-f]{{8}}  lap one  ok \d+\.\d{{3}} ms$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, $@" trail   {id}  lap one  1 probe  ok \d+\.\d{{3}} ms$"));
        Assert.Contains(lines, l => l.Contains(" obs     planning  pit_strategy  strategy_planner  latency_ms=", StringComparison.Ordinal));
        Assert.Empty(errors.Lines);
    }

    [Fact]
    public async Task FiltersByModalityAndPointAsTheProtocolsSubscribeDoes()
    {
        await using var live = await LiveServer.StartAsync();
        var output = new LineWriter();
        await WarmUpAsync(live, "wanted", Modality.Planning);
        var tail = TailCommand.RunAsync(new TailOptions { Url = live.Ws.ToString(), Modalities = ["planning"], Points = ["wanted"], Count = 1, Backlog = 5 }, output, new LineWriter(), null, CancellationToken.None);
        await output.WaitForAsync(line => line.Contains("wanted", StringComparison.Ordinal));

        live.Engine.Sight.Point("camera", Modality.VisionProcessing).Measure(_ => { });
        live.Engine.Sight.Point("unwanted", Modality.Planning).Measure(_ => { });
        using (live.Engine.Recorder.OpenTrail("not an observation", ProbeKind.Run)) { }
        live.Engine.Sight.Point("wanted", Modality.Planning).Measure(_ => { });

        Assert.Equal(Program.Ok, await tail.WaitAsync(WsClient.DefaultWait));
        Assert.Equal(2, output.Lines.Count);
        Assert.All(output.Lines, line => Assert.Contains(" obs     planning  wanted  wanted", line));
    }

    [Fact]
    public async Task WithJsonPrintsTheRawFramesAsNdjson()
    {
        await using var live = await LiveServer.StartAsync();
        var output = new LineWriter();
        var tail = TailCommand.RunAsync(new TailOptions { Url = live.Server.Url.ToString(), Kinds = ["trail"], Count = 1, Json = true }, output, new LineWriter(), null, CancellationToken.None);
        await output.WaitForAsync(line => line.StartsWith("{\"type\":\"backlog\"", StringComparison.Ordinal));

        using (var root = live.Engine.Recorder.OpenTrail("json lap", ProbeKind.Run))
        {
            using var child = root.Child(ProbeKind.Tool, "tool call");
        }

        Assert.Equal(Program.Ok, await tail.WaitAsync(WsClient.DefaultWait));
        var frames = output.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("backlog", frames[0].GetProperty("type").GetString());
        var trail = frames.Single(f => f.GetProperty("type").GetString() == "trail");
        Assert.Equal(2, trail.GetProperty("probes").GetArrayLength());
        Assert.Equal("trail", frames[^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task FindsTheServerThroughItsDiscoveryFileWhenNoUrlIsGiven()
    {
        var folder = Path.Combine(Path.GetTempPath(), "codesight-tail-" + Guid.NewGuid().ToString("N"));
        await using var live = await LiveServer.StartAsync();
        using var discovery = CodeSight.Server.Web.DiscoveryFile.Write(live.Server.Url.ToString(), live.Server.Port, live.Server.Token, folder);
        try
        {
            var locator = new ServerLocatorOptions { Environment = _ => null, DiscoveryDirectory = folder, DefaultPort = 0 };
            var output = new LineWriter();
            await WarmUpAsync(live, "warm_up", Modality.Simulation);
            var tail = TailCommand.RunAsync(new TailOptions { Kinds = ["observation"], Count = 1, Backlog = 1 }, output, new LineWriter(), locator, CancellationToken.None);
            await output.WaitForAsync(line => line.Contains("warm_up", StringComparison.Ordinal));
            live.Engine.Sight.Point("discovered", Modality.Simulation).Measure(_ => { });

            Assert.Equal(Program.Ok, await tail.WaitAsync(WsClient.DefaultWait));
            Assert.Contains(" discovered ", output.Lines[^1]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task WithNoServerExitsTwoSayingWhereItLooked()
    {
        var port = LiveServer.ClosedPort();
        var folder = Path.Combine(Path.GetTempPath(), "codesight-none-" + Guid.NewGuid().ToString("N"));
        var errors = new LineWriter();

        var code = await TailCommand.RunAsync(new TailOptions(), new LineWriter(), errors,
            new ServerLocatorOptions { Environment = _ => null, DiscoveryDirectory = folder, DefaultPort = port }, CancellationToken.None);

        Assert.Equal(Program.BadUsage, code);
        var message = Assert.Single(errors.Lines);
        Assert.StartsWith("codesight tail: no server found. CODESIGHT_URL is not set.", message);
        Assert.Contains($"No discovery folder at {folder}.", message);
        Assert.Contains($"Nothing answers on 127.0.0.1:{port}.", message);
    }

    [Theory]
    [InlineData("--modality", "smell", "--modality: 'smell' is not a modality")]
    [InlineData("--trail", "xyz", "--trail: 'xyz' is not a trail id")]
    [InlineData("--kind", "probe", "--kind: 'probe' is not an item kind")]
    public async Task ABadFilterIsRefusedBeforeConnectingNamingTheOption(string option, string value, string expected)
    {
        var options = option switch
        {
            "--modality" => new TailOptions { Url = "http://127.0.0.1:1/", Modalities = [value] },
            "--trail" => new TailOptions { Url = "http://127.0.0.1:1/", Trails = [value] },
            _ => new TailOptions { Url = "http://127.0.0.1:1/", Kinds = [value] },
        };
        var errors = new LineWriter();

        Assert.Equal(Program.BadUsage, await TailCommand.RunAsync(options, new LineWriter(), errors, null, CancellationToken.None));
        Assert.StartsWith("codesight tail: " + expected, Assert.Single(errors.Lines));
    }

    [Fact]
    public async Task ReportsTheMessagesTheServerDroppedForItInsteadOfHidingThem()
    {
        await using var live = await LiveServer.StartAsync(s => s with { ClientQueue = 1 });
        var output = new LineWriter();
        var errors = new LineWriter();
        using var stop = new CancellationTokenSource();
        var tail = TailCommand.RunAsync(new TailOptions { Url = live.Server.Url.ToString(), Backlog = 0 }, output, errors, null, stop.Token);

        // With room for one queued item, a burst outruns the connection: the server drops and tells the client.
        var lost = output.WaitForAsync(line => line.StartsWith("-- lost ", StringComparison.Ordinal));
        while (!lost.IsCompleted && live.Server.DroppedForSlowClients == 0)
        {
            for (var i = 0; i < 500; i++) live.Engine.Sight.Point("burst", Modality.Simulation).Measure(_ => { });
            await Task.Yield();
        }

        var line = await lost;
        Assert.Matches(@"^-- lost \d+ messages \(this client fell behind the server; \d+ in all\)$", line);
        // Stopped in the middle of a burst (Ctrl+C): a clean exit, whatever the socket was doing.
        await stop.CancelAsync();
        var code = await tail.WaitAsync(WsClient.DefaultWait);
        Assert.True(code == Program.Ok, $"exit code {code}: {string.Join(" | ", errors.Lines)}");
    }

    /// <summary>
    /// Records an observation at <paramref name="point"/> and waits until a client of its own has received it, so it is
    /// in the server's backlog: a tail started with a backlog prints it once its subscription is in effect, which is
    /// how a test knows that what it records next reaches the tail live.
    /// </summary>
    private static async Task WarmUpAsync(LiveServer live, string point, Modality modality)
    {
        await using var client = await live.ConnectAsync();
        live.Engine.Sight.Point(point, modality).Measure(_ => { });
        await client.ExpectAsync("observation", m => m.GetProperty("sightPoint").GetString() == point);
    }
}
