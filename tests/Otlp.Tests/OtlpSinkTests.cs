using System.Net;
using System.Net.Sockets;
using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Engine;
using CodeSight.Engine.Sinks;
using CodeSight.Otlp.Tests.Proto.Trace;
using CodeSight.Otlp.Tests.Support;
using SpanStatus = CodeSight.Otlp.Tests.Proto.Trace.Status;

namespace CodeSight.Otlp.Tests;

public sealed class OtlpSinkTests() : TestKit.TestKit("codesight.test.single-expect-default = 10s\ncodesight.otlp.max-queue-size = 5"), IAsyncLifetime
{
    private const long Start = 1_763_780_400_123_456; // epoch microseconds
    private OtlpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task ExportsClosedProbesAsSpansWithTheirIdsNamesTimesAttributesStatusAndFault()
    {
        var sink = Sys.ActorOf(OtlpSink.Props(new OtlpSettings(_receiver.TracesEndpoint, serviceName: "agent-under-test") { FlushInterval = TimeSpan.Zero }));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        var trail = TrailId.New();
        var root = new Probe(ProbeId.New(), trail, null, ProbeKind.Run, "episode", Start, Start + 90_000, ProbeStatus.Ok,
            new Dictionary<string, object?> { ["seed"] = 42L }, null);
        var child = new Probe(ProbeId.New(), trail, root.Id, ProbeKind.Tool, "search", Start + 1_000, Start + 3_500, ProbeStatus.Error,
            new Dictionary<string, object?> { ["hits"] = 3L, ["query"] = "rust", ["score"] = 0.5, ["cached"] = true },
            new ProbeFault("timed out", "System.TimeoutException", "at Search()"));

        Sys.EventStream.Publish(new CloseSignal(child, child.EndedAt!.Value));
        Sys.EventStream.Publish(new CloseSignal(root, root.EndedAt!.Value));
        Assert.Equal(2, (await sink.Ask<SinkFlushed>(FlushSink.Instance)).Written);

        var export = await _receiver.NextAsync();
        Assert.Equal("application/x-protobuf", export.ContentType);
        var resource = Assert.Single(export.Request.ResourceSpans);
        Assert.Equal("agent-under-test", Spans.Attributes(resource.Resource.Attributes)["service.name"]);
        Assert.Equal("CodeSight", Assert.Single(resource.ScopeSpans).Scope.Name);
        var spans = Spans.All(export.Request).ToDictionary(s => s.Name);
        Assert.Equal(2, spans.Count);

        var episode = spans["episode"];
        Assert.Equal(trail.ToString(), Spans.Hex(episode.TraceId));
        Assert.Equal(root.Id.ToString(), Spans.Hex(episode.SpanId));
        Assert.True(episode.ParentSpanId.IsEmpty);
        Assert.Equal((ulong)Start * 1000, episode.StartTimeUnixNano);
        Assert.Equal((ulong)(Start + 90_000) * 1000, episode.EndTimeUnixNano);
        Assert.Equal(Span.Types.SpanKind.Internal, episode.Kind);
        Assert.Equal(SpanStatus.Types.StatusCode.Ok, episode.Status.Code);
        Assert.Equal(42L, Spans.Attributes(episode.Attributes)["seed"]);
        Assert.Equal("run", Spans.Attributes(episode.Attributes)["codesight.kind"]);
        Assert.Empty(episode.Events);

        var search = spans["search"];
        Assert.Equal(trail.ToString(), Spans.Hex(search.TraceId));
        Assert.Equal(child.Id.ToString(), Spans.Hex(search.SpanId));
        Assert.Equal(root.Id.ToString(), Spans.Hex(search.ParentSpanId));
        Assert.Equal((ulong)(Start + 1_000) * 1000, search.StartTimeUnixNano);
        Assert.Equal((ulong)(Start + 3_500) * 1000, search.EndTimeUnixNano);
        Assert.Equal(Span.Types.SpanKind.Client, search.Kind);
        var attributes = Spans.Attributes(search.Attributes);
        Assert.Equal(3L, attributes["hits"]);
        Assert.Equal("rust", attributes["query"]);
        Assert.Equal(0.5, attributes["score"]);
        Assert.Equal(true, attributes["cached"]);
        Assert.Equal("tool", attributes["codesight.kind"]);
        Assert.Equal(SpanStatus.Types.StatusCode.Error, search.Status.Code);
        Assert.Equal("timed out", search.Status.Message);
        var exception = Assert.Single(search.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Equal((ulong)(Start + 3_500) * 1000, exception.TimeUnixNano);
        var exceptionAttributes = Spans.Attributes(exception.Attributes);
        Assert.Equal("System.TimeoutException", exceptionAttributes["exception.type"]);
        Assert.Equal("timed out", exceptionAttributes["exception.message"]);
        Assert.Equal("at Search()", exceptionAttributes["exception.stacktrace"]);
    }

    [Fact]
    public async Task AFullBatchIsExportedWithoutBeingAskedAndLaterProbesGoInTheNext()
    {
        var sink = Sys.ActorOf(OtlpSink.Props(new OtlpSettings(_receiver.TracesEndpoint) { MaxBatchSize = 2, FlushInterval = TimeSpan.Zero }));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        foreach (var name in new[] { "a", "b", "c" }) Sys.EventStream.Publish(Close(name));

        var first = await _receiver.NextAsync();
        Assert.Equal(["a", "b"], Spans.All(first.Request).Select(s => s.Name));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        var second = await _receiver.NextAsync();
        Assert.Equal(["c"], Spans.All(second.Request).Select(s => s.Name));
    }

    [Fact]
    public async Task WhenTheEndpointIsDownFailuresAreCountedAndReportedAndTheEngineKeepsRunning()
    {
        var engine = CodeSightEngine.Start(Sys);
        var logs = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(LogEvent));
        var down = new Uri($"http://127.0.0.1:{ClosedPort()}/v1/traces");
        var sink = Sys.ActorOf(OtlpSink.Props(new OtlpSettings(down) { FlushInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(3) }), "otlp-down");
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        for (var i = 0; i < 3; i++) Sys.EventStream.Publish(Close("lost-" + i));
        await sink.Ask<SinkFlushed>(FlushSink.Instance, TimeSpan.FromSeconds(30));

        var report = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
        var stats = Assert.Single(report.Sinks, s => s.Sink.EndsWith("/otlp-down", StringComparison.Ordinal));
        Assert.Equal("otlp", stats.Kind);
        Assert.Equal(3, stats.Written);
        Assert.Equal(3, stats.Errors);
        var error = logs.FishForMessage<LogEvent>(e => e.Level == LogLevel.Error);
        Assert.Contains("otlp sink failed to export", error.Message);
        Assert.Contains(down.ToString(), error.Message);

        var completions = CreateTestProbe();
        Sys.EventStream.Subscribe(completions.Ref, typeof(TrailCompleted));
        using (engine.Recorder.OpenTrail("still recording")) { }
        Assert.Equal("still recording", completions.ExpectMsg<TrailCompleted>().Root.Name);
        Assert.Equal(4, (await sink.Ask<SinkFlushed>(FlushSink.Instance, TimeSpan.FromSeconds(30))).Written);
    }

    [Fact]
    public async Task ProbesBeyondAFullQueueAreDroppedAndCountedWhileTheCollectorIsSlow()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Hold = release.Task;
        var counters = new SinkCounters();
        var sink = Sys.ActorOf(OtlpSink.Props(new OtlpSettings(_receiver.TracesEndpoint) { MaxBatchSize = 1, FlushInterval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(30) }, counters), "otlp-slow");
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        // The first export holds the sink's thread until the collector answers; meanwhile its queue (5) fills up.
        Sys.EventStream.Publish(Close("first"));
        AwaitCondition(() => _receiver.Requests == 1, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 20; i++) Sys.EventStream.Publish(Close("queued-" + i));
        AwaitCondition(() => counters.Dropped >= 15, TimeSpan.FromSeconds(10), message: "at least 15 of 20 probes dropped by a queue of 5");
        release.SetResult();

        // A flush request would be dropped too while the queue is full: wait until every probe is accounted for.
        AwaitCondition(() => counters.Written + counters.Dropped == 21, TimeSpan.FromSeconds(20));
        var written = (await sink.Ask<SinkFlushed>(FlushSink.Instance, TimeSpan.FromSeconds(30))).Written;
        var report = await SinkHealth.Of(Sys).Ask<SinkStatsReport>(GetSinkStats.Instance);
        var stats = Assert.Single(report.Sinks, s => s.Sink.EndsWith("/otlp-slow", StringComparison.Ordinal));
        Assert.Equal(counters.Dropped, stats.Dropped);
        Assert.Equal(21, written + stats.Dropped);
        Assert.Equal(0, stats.Errors);
        var exported = _receiver.Drain().SelectMany(e => Spans.All(e.Request)).Select(s => s.Name).ToList();
        Assert.Equal(written, exported.Count);
        Assert.Equal("first", exported[0]);
    }

    [Fact]
    public async Task TheConfiguredSinkSendsTheConfiguredHeadersAndServiceName()
    {
        var system = ActorSystem.Create("otlp-configured", $$"""
            codesight.otlp {
              enabled = on
              endpoint = "{{_receiver.BaseAddress}}"
              service-name = "configured-service"
              flush-interval = 0
              headers { "x-api-key" = "key-123", "x-tenant" = "blue" }
            }
            """);
        try
        {
            var sink = OtlpSink.StartConfigured(system);
            Assert.NotNull(sink);
            Assert.EndsWith("/user/" + OtlpSink.ActorName, sink.Path.ToString());
            await sink.Ask<SinkFlushed>(FlushSink.Instance);
            system.EventStream.Publish(Close("configured"));
            await sink.Ask<SinkFlushed>(FlushSink.Instance);

            var export = await _receiver.NextAsync();
            Assert.Equal("key-123", export.Headers["x-api-key"]);
            Assert.Equal("blue", export.Headers["x-tenant"]);
            Assert.Equal("configured-service", Spans.Attributes(export.Request.ResourceSpans[0].Resource.Attributes)["service.name"]);
            Assert.Equal("configured", Assert.Single(Spans.All(export.Request)).Name);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task TheGrpcProtocolDeliversTheSameSpans()
    {
        var settings = new OtlpSettings(_receiver.GrpcEndpoint, OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, "grpc-service") { FlushInterval = TimeSpan.Zero };
        var sink = Sys.ActorOf(OtlpSink.Props(settings));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);
        var close = Close("over grpc");

        Sys.EventStream.Publish(close);
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        var export = await _receiver.NextAsync();
        Assert.StartsWith("application/grpc", export.ContentType);
        var span = Assert.Single(Spans.All(export.Request));
        Assert.Equal("over grpc", span.Name);
        Assert.Equal(close.Probe.TrailId.ToString(), Spans.Hex(span.TraceId));
        Assert.Equal(close.Probe.Id.ToString(), Spans.Hex(span.SpanId));
        Assert.Equal("grpc-service", Spans.Attributes(export.Request.ResourceSpans[0].Resource.Attributes)["service.name"]);
    }

    [Fact]
    public void TheSinkIsNotStartedFromConfigurationUnlessEnabled()
    {
        Assert.Null(OtlpSink.StartConfigured(Sys));
    }

    private static CloseSignal Close(string name)
    {
        var probe = new Probe(ProbeId.New(), TrailId.New(), null, ProbeKind.Custom, name, Start, Start + 10, ProbeStatus.Ok, ProbeAttributes.Empty, null);
        return new CloseSignal(probe, probe.EndedAt!.Value);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
