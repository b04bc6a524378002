using System.Diagnostics;
using CodeSight.Actors;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine;
using CodeSight.Engine.Activities;
using CodeSight.Engine.Sinks;
using CodeSight.Otlp.Tests.Support;

namespace CodeSight.Otlp.Tests.Activities;

public sealed class HttpClientBridgeTests() : TestKit.TestKit("codesight.test.single-expect-default = 10s"), IAsyncLifetime
{
    private OtlpReceiver _server = null!;

    public async Task InitializeAsync() => _server = await OtlpReceiver.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AnHttpClientCallInsideAProbeBecomesItsChildProbeAndCarriesItsIdsToTheServer()
    {
        var engine = CodeSightEngine.Start(Sys);
        var completions = CreateTestProbe();
        Sys.EventStream.Subscribe(completions.Ref, typeof(TrailCompleted));
        using var bridge = ActivityBridge.Start(engine, ["System.Net.Http"]);
        engine.Recorder.ProbesAsActivities = true;
        using var http = new HttpClient();

        var root = engine.Recorder.OpenTrail("agent turn", ProbeKind.Turn);
        string traceparent;
        using (root)
        {
            traceparent = await http.GetStringAsync(new Uri(_server.BaseAddress, "ping?echo=traceparent"));
        }

        var completed = completions.FishForMessage<TrailCompleted>(c => c.TrailId == root.TrailId);
        Assert.Equal(2, completed.Probes.Count);
        var call = Assert.Single(completed.Probes, p => p.Id != root.Id);
        Assert.Equal(root.Id, call.ParentId);
        Assert.Equal(ProbeKind.Tool, call.Kind);
        Assert.Equal(ProbeStatus.Ok, call.Status);
        Assert.Equal("GET", call.Attributes["http.request.method"]);
        Assert.Equal(200, Convert.ToInt32(call.Attributes["http.response.status_code"], System.Globalization.CultureInfo.InvariantCulture));
        // The server saw the call's own span as the parent, in the probe's trail.
        Assert.Equal($"00-{root.TrailId}-{call.Id}-01", traceparent);
        Assert.True(call.StartedAt >= completed.Root.StartedAt && call.EndedAt <= completed.Root.EndedAt);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public async Task ExportsOfAnOtlpSinkAreNotBridgedBackIntoProbes()
    {
        var engine = CodeSightEngine.Start(Sys);
        using var bridge = ActivityBridge.Start(engine, ["System.Net.Http"]);
        var sink = Sys.ActorOf(OtlpSink.Props(new OtlpSettings(_server.TracesEndpoint) { MaxBatchSize = 1, FlushInterval = TimeSpan.Zero }));
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        using (engine.Recorder.OpenTrail("exported once")) { }
        var first = await _server.NextAsync();
        Assert.Equal("exported once", Assert.Single(Spans.All(first.Request)).Name);
        await sink.Ask<SinkFlushed>(FlushSink.Instance);

        Assert.Equal(0, bridge.Opened);
        Assert.Empty(_server.Drain());
    }
}
