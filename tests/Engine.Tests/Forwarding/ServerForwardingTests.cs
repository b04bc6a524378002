using CodeSight.Actors;
using CodeSight.Actors.Configuration;
using CodeSight.Actors.Events;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Discovery;
using CodeSight.Engine.Forwarding;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Forwarding;

public sealed class ServerForwardingTests : EngineTestKit
{
    [Fact]
    public async Task WithNoServerNothingIsStartedAndTheHostRecordsEmbedded()
    {
        var engine = StartEngine();
        var logs = Subscribe<LogEvent>();
        var signals = Subscribe<CodeSight.Contracts.Signals.CloseSignal>();

        var choice = await ServerForwarding.StartAsync(engine, NoServer());

        Assert.False(choice.Forwarding);
        Assert.Null(choice.Sink);
        Assert.Equal(ServerSource.None, choice.Location.Source);
        var log = logs.ExpectMsg<LogEvent>();
        Assert.StartsWith("No CodeSight server found; recording embedded.", log.Message);
        using (engine.Recorder.OpenTrail("embedded", ProbeKind.Run)) { }
        Assert.Equal("embedded", signals.ExpectMsg<CodeSight.Contracts.Signals.CloseSignal>().Probe.Name);
    }

    [Fact]
    public async Task AnUnreachableServerNeverHoldsUpTheRecorderAndEveryItemIsCountedAsDroppedOrLost()
    {
        var engine = StartEngine();
        var port = LoopbackPorts.Closed();
        var settings = new ForwardingSettings { Queue = 4, MinBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(50), DrainTimeout = TimeSpan.FromMilliseconds(100) };
        var choice = await ServerForwarding.StartAsync(engine, new ServerLocatorOptions
        {
            Environment = name => name == ServerLocatorOptions.UrlVariable ? $"http://127.0.0.1:{port}/" : null,
        }, settings);
        Assert.True(choice.Forwarding);
        var counters = choice.Counters!;
        AwaitCondition(() => counters.ConnectFailures >= 1, TimeSpan.FromSeconds(10), message: "a failed connection attempt");

        for (var i = 0; i < 20; i++)
        {
            using (engine.Recorder.OpenTrail("step " + i, ProbeKind.Run)) { }
        }

        // Each trail is two signals (open, close): 40 items, of which the queue holds 4.
        AwaitCondition(() => counters.Queued + counters.DroppedQueueFull == 40, TimeSpan.FromSeconds(10), message: "all 40 signals counted");
        Assert.Equal(4, counters.Queued);
        Assert.Equal(36, counters.DroppedQueueFull);
        Assert.False(counters.Connected);
        Assert.Contains($"cannot connect to ws://127.0.0.1:{port}/ws", counters.LastError);
        var report = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
        var stats = report.Sinks.Single(s => s.Kind == ServerForwardingSink.Kind);
        Assert.Equal(ServerForwardingSink.ActorName, stats.Name);
        Assert.Equal(36, stats.Dropped);
        Assert.Contains("cannot connect", stats.LastError);

        await choice.Sink!.GracefulStop(TimeSpan.FromSeconds(5));
        AwaitCondition(() => counters.Lost == 4, TimeSpan.FromSeconds(10), message: "the 4 queued items counted as lost at stop");
    }

    [Fact]
    public async Task AnObservationTheServerWouldRefuseIsCountedAsInvalidNotSent()
    {
        var engine = StartEngine();
        var choice = await ServerForwarding.StartAsync(engine, new ServerLocatorOptions
        {
            Environment = name => name == ServerLocatorOptions.UrlVariable ? $"http://127.0.0.1:{LoopbackPorts.Closed()}/" : null,
        }, new ForwardingSettings { MinBackoff = TimeSpan.FromSeconds(30), MaxBackoff = TimeSpan.FromSeconds(30) });
        var counters = choice.Counters!;
        AwaitCondition(() => counters.ConnectFailures >= 1, TimeSpan.FromSeconds(10), message: "a failed connection attempt");

        Sys.EventStream.Publish(new Observation("pit wall", "strategy", Modality.Planning, Observation.NoMetrics, ProbeAttributes.Empty, 1_000));

        AwaitCondition(() => counters.Invalid == 1, TimeSpan.FromSeconds(10), message: "the observation counted as invalid");
        Assert.Equal(0, counters.Queued);
        Assert.Contains("sightPoint: \"pit wall\" has ' '", counters.LastError);
    }

    [Fact]
    public void SettingsAreReadFromConfigurationAndABadOneIsNamed()
    {
        var settings = ForwardingSettings.FromConfig(Sys.Settings.Config);
        Assert.Equal(new ForwardingSettings(), settings);
        var bad = ConfigurationFactory.Load(ConfigurationFactory.ParseString("codesight.engine.forward.batch = 20000", "test"));
        var error = Assert.Throws<ConfigurationException>(() => ForwardingSettings.FromConfig(bad));
        Assert.StartsWith("codesight.engine.forward.batch: 20000", error.Message);
    }

    private static ServerLocatorOptions NoServer() => new()
    {
        Environment = _ => null,
        DiscoveryDirectory = Path.Combine(Path.GetTempPath(), "codesight-no-discovery-" + Guid.NewGuid().ToString("N")),
        DefaultPort = LoopbackPorts.Closed(),
    };
}
