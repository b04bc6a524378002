using CodeSight.Actors;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Engine.Discovery;
using CodeSight.Engine.Forwarding;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Sinks;
using CodeSight.Hosting;
using CodeSight.Hosting.Runtime;
using CodeSight.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CodeSight.Server.Tests.Forwarding;

public sealed class ForwardingEndToEndTests
{
    [Fact]
    public async Task AHostForwardsToTheServerAndKeepsRecordingWhenTheServerIsGone()
    {
        var live = await LiveServer.StartAsync();
        var serverStopped = false;
        var host = ActorSystem.Create("forwarding-host");
        try
        {
            var engine = CodeSightEngine.Start(host);
            var embedded = new SinkCounters();
            host.ActorOf(StreamSink.Props(new MemoryStream(), counters: embedded), "embedded-sink");
            var environment = new Dictionary<string, string>
            {
                [ServerLocatorOptions.UrlVariable] = live.Server.Url.ToString(),
                [ServerLocatorOptions.TokenVariable] = live.Server.Token,
            };
            var settings = new ForwardingSettings { Queue = 16, MinBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100), DrainTimeout = TimeSpan.FromMilliseconds(200) };
            var choice = await ServerForwarding.StartAsync(engine, new ServerLocatorOptions { Environment = environment.GetValueOrDefault }, settings);
            Assert.True(choice.Forwarding);
            Assert.Equal(ServerSource.Environment, choice.Location.Source);
            var counters = choice.Counters!;
            await WaitAsync(() => counters.Connected, "the forwarder to connect", counters);

            await using var watcher = await live.ConnectAsync();
            await watcher.SendAsync("""{"type":"subscribe","id":"w","filter":{"kinds":["trail","observation"]}}""");
            await watcher.ExpectAsync("ack");
            string trailId;
            using (var root = engine.Recorder.OpenTrail("remote lap", ProbeKind.Run))
            {
                trailId = root.TrailId.ToString();
                using var child = root.Child(ProbeKind.Tool, "remote tool");
            }

            engine.Sight.Point("remote_planner", Modality.Planning).Measure(_ => { });

            // The observation and the trail take different paths on the host: either may arrive first.
            System.Text.Json.JsonElement? trail = null;
            var observed = false;
            while (trail is null || !observed)
            {
                var message = await watcher.ReceiveAsync() ?? throw new InvalidOperationException("The server closed the watcher's connection.");
                var type = message.GetProperty("type").GetString();
                if (type == "trail" && message.GetProperty("trailId").GetString() == trailId) trail = message;
                if (type == "observation" && message.GetProperty("sightPoint").GetString() == "remote_planner") observed = true;
            }

            Assert.Equal(["remote lap", "remote tool"], trail.Value.GetProperty("probes").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
            // Two opens, two closes and the observation.
            await WaitAsync(() => counters.Acknowledged == 5, "5 items acknowledged", counters);
            Assert.Equal(0, counters.Rejected + counters.Lost + counters.DroppedQueueFull);

            await watcher.DisposeAsync();
            await live.DisposeAsync();
            serverStopped = true;
            await WaitAsync(() => !counters.Connected, "the forwarder to notice the server is gone", counters);

            for (var i = 0; i < 40; i++)
            {
                using (engine.Recorder.OpenTrail("offline lap " + i, ProbeKind.Run)) { }
            }

            // Every probe still reaches the host's own sink; what could not be forwarded is counted, none unaccounted.
            await WaitAsync(() => embedded.Written == 42, "the embedded sink to write all 42 probes", counters);
            await WaitAsync(() => counters.Queued + counters.DroppedQueueFull == 85, "all 85 items counted by the forwarder", counters);
            Assert.True(counters.DroppedQueueFull >= 80 - settings.Queue, counters.ToString());
            Assert.Equal(counters.Queued, counters.Acknowledged + counters.Pending + counters.Lost + counters.Unacknowledged + counters.Rejected);
            await WaitAsync(() => counters.ConnectFailures >= 1, "a failed attempt to reconnect", counters);
        }
        finally
        {
            await host.Terminate();
            host.Dispose();
            if (!serverStopped) await live.DisposeAsync();
        }
    }

    [Fact]
    public async Task AGenericHostWithForwardingOnFindsTheServerAndFlushesWhatItForwardedWhenItStops()
    {
        await using var live = await LiveServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            [ServerLocatorOptions.UrlVariable] = live.Server.Url.ToString(),
            [ServerLocatorOptions.TokenVariable] = live.Server.Token,
        };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddCodeSight(options =>
        {
            options.SystemName = "hosted-forwarder";
            options.ForwardToServer = true;
            options.ServerLocator = new ServerLocatorOptions { Environment = environment.GetValueOrDefault };
        });
        using var app = builder.Build();
        await app.StartAsync();
        var stopped = false;
        try
        {
            var runtime = app.Services.GetRequiredService<CodeSightRuntime>();
            var choice = runtime.Forwarding!;
            Assert.True(choice.Forwarding);
            Assert.Equal(ServerSource.Environment, choice.Location.Source);
            Assert.Contains(choice.Sink!, runtime.Sinks);
            var counters = choice.Counters!;
            await WaitAsync(() => counters.Connected, "the hosted forwarder to connect", counters);

            await using var watcher = await live.ConnectAsync();
            await watcher.SendAsync("""{"type":"subscribe","id":"w","filter":{"kinds":["trail"]}}""");
            await watcher.ExpectAsync("ack");
            var recorder = app.Services.GetRequiredService<Recorder>();
            string trailId;
            using (var root = recorder.OpenTrail("hosted lap", ProbeKind.Run))
            {
                trailId = root.TrailId.ToString();
            }

            System.Text.Json.JsonElement? trail = null;
            while (trail is null)
            {
                var message = await watcher.ReceiveAsync() ?? throw new InvalidOperationException("The server closed the watcher's connection.");
                if (message.GetProperty("type").GetString() == "trail" && message.GetProperty("trailId").GetString() == trailId) trail = message;
            }

            Assert.Equal("hosted lap", trail.Value.GetProperty("probes")[0].GetProperty("name").GetString());

            // The host's stop flushes the forwarder with the other sinks: what it forwarded is acknowledged, none lost.
            await app.StopAsync();
            stopped = true;
            Assert.Equal(2, counters.Acknowledged);
            Assert.Equal(0, counters.Rejected + counters.Lost + counters.DroppedQueueFull + counters.Pending);
        }
        finally
        {
            if (!stopped) await app.StopAsync();
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what, ForwarderCounters counters)
    {
        var deadline = DateTime.UtcNow + WsClient.DefaultWait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}; forwarder: {counters} ({counters.LastError}).");
            await Task.Delay(10);
        }
    }
}
