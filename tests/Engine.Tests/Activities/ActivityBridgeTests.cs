using System.Diagnostics;
using CodeSight.Actors;
using CodeSight.Contracts.Messages;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Activities;
using CodeSight.Engine.Sampling;
using CodeSight.Engine.Sinks;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Activities;

[Collection(SerialCollection.Name)]
public sealed class ActivityBridgeTests : EngineTestKit
{
    // Listeners are process-wide and tests run in parallel: every test uses a source of its own.
    private readonly ActivitySource _source = new("CodeSight.Tests.Bridge." + Guid.NewGuid().ToString("N"));

    protected override void Dispose(bool disposing)
    {
        _source.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public async Task NestedActivitiesBecomeATrailWithTheSameIdsAndParentLinks()
    {
        var engine = StartEngine();
        var collector = CollectorSink.Start(Sys);
        var completions = Subscribe<TrailCompleted>();
        using var bridge = ActivityBridge.Start(engine, [_source.Name]);

        string rootSpan, childSpan, grandchildSpan, traceId;
        using (var root = _source.StartActivity("handle request", ActivityKind.Server)!)
        {
            root.SetTag("route", "/search");
            traceId = root.TraceId.ToHexString();
            rootSpan = root.SpanId.ToHexString();
            using (var child = _source.StartActivity("query db", ActivityKind.Client)!)
            {
                childSpan = child.SpanId.ToHexString();
                using var grandchild = _source.StartActivity("parse")!;
                grandchildSpan = grandchild.SpanId.ToHexString();
                grandchild.AddEvent(new ActivityEvent("cache miss", tags: new ActivityTagsCollection { ["key"] = "q:rust" }));
            }
            root.SetTag("hits", 3);
        }

        var completed = completions.ExpectMsg<TrailCompleted>();
        var collected = await collector.Ask<CollectorSink.Collected>(CollectorSink.GetCollected.Instance);
        var probes = collected.Probes.ToDictionary(p => p.Id.ToString());

        Assert.Equal(traceId, completed.TrailId.ToString());
        Assert.Equal(3, probes.Count);
        Assert.All(probes.Values, p => Assert.Equal(traceId, p.TrailId.ToString()));
        Assert.Null(probes[rootSpan].ParentId);
        Assert.Equal(rootSpan, probes[childSpan].ParentId.ToString());
        Assert.Equal(childSpan, probes[grandchildSpan].ParentId.ToString());
        Assert.Equal("handle request", probes[rootSpan].Name);
        Assert.Equal(ProbeKind.Turn, probes[rootSpan].Kind);
        Assert.Equal(ProbeKind.Tool, probes[childSpan].Kind);
        Assert.Equal(ProbeKind.Custom, probes[grandchildSpan].Kind);
        Assert.Equal("/search", probes[rootSpan].Attributes["route"]);
        Assert.Equal(3, probes[rootSpan].Attributes["hits"]);
        var events = Assert.IsAssignableFrom<IEnumerable<Dictionary<string, object?>>>(probes[grandchildSpan].Attributes[ActivityBridge.EventsKey]);
        var cacheMiss = Assert.Single(events);
        Assert.Equal("cache miss", cacheMiss["name"]);
        Assert.All(probes.Values, p => Assert.Equal(ProbeStatus.Ok, p.Status));
        Assert.Equal(3, bridge.Opened);
        Assert.Equal(3, bridge.Closed);
    }

    [Fact]
    public void StartAndEndTimesAreTheActivitysToTheMicrosecond()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        using var bridge = ActivityBridge.Start(engine, [_source.Name]);
        var start = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

        using (var activity = _source.StartActivity("timed", ActivityKind.Internal, default(ActivityContext), startTime: start)!)
        {
            activity.SetEndTime(start.UtcDateTime.AddTicks(25_000));
        }

        var root = completions.ExpectMsg<TrailCompleted>().Root;
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000 + 123_456, root.StartedAt);
        Assert.Equal(root.StartedAt + 2_500, root.EndedAt);
    }

    [Fact]
    public void ExceptionEventsAndErrorStatusBecomeTheProbesFault()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        using var bridge = ActivityBridge.Start(engine, [_source.Name]);

        using (var root = _source.StartActivity("root")!)
        {
            using (var failing = _source.StartActivity("fetch")!)
            {
                failing.AddException(new TimeoutException("no answer after 3 tries"));
                failing.SetStatus(ActivityStatusCode.Error, "fetch failed");
            }
            using (var refused = _source.StartActivity("refused")!)
            {
                refused.SetStatus(ActivityStatusCode.Error, "403 forbidden");
            }
        }

        var probes = completions.ExpectMsg<TrailCompleted>().Probes.ToDictionary(p => p.Name);
        Assert.Equal(ProbeStatus.Error, probes["fetch"].Status);
        Assert.Equal("no answer after 3 tries", probes["fetch"].Fault!.Message);
        Assert.Equal(typeof(TimeoutException).FullName, probes["fetch"].Fault!.Name);
        Assert.Equal(ProbeStatus.Error, probes["refused"].Status);
        Assert.Equal("403 forbidden", probes["refused"].Fault!.Message);
        Assert.Equal(ProbeStatus.Ok, probes["root"].Status);
    }

    [Fact]
    public void TagsPassThroughTheRedactor()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        using var bridge = ActivityBridge.Start(engine, [_source.Name]);

        using (var activity = _source.StartActivity("login")!)
        {
            activity.SetTag("password", "hunter2");
            activity.SetTag("user", "ada");
        }

        var root = completions.ExpectMsg<TrailCompleted>().Root;
        Assert.Equal("[insight:scrubbed]", root.Attributes["password"]);
        Assert.Equal("ada", root.Attributes["user"]);
    }

    [Fact]
    public void AnActivityWithARemoteParentMapsToAContinuedTrailUnderThatParent()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        using var bridge = ActivityBridge.Start(engine, [_source.Name]);
        var remote = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        string local;
        using (var activity = _source.StartActivity("serve", ActivityKind.Server, remote)!)
        {
            local = activity.SpanId.ToHexString();
        }

        var completed = completions.ExpectMsg<TrailCompleted>();
        Assert.Equal(remote.TraceId.ToHexString(), completed.TrailId.ToString());
        Assert.Equal(local, completed.Root.Id.ToString());
        Assert.Equal(remote.SpanId.ToHexString(), completed.Root.ParentId.ToString());
    }

    [Fact]
    public void TheEnginesGateDecidesAndUnrecordedActivitiesAreCounted()
    {
        var engine = StartEngine(new EngineOptions { Gate = NeverGate.Instance });
        using var bridge = ActivityBridge.Start(engine, [_source.Name]);
        var sampledOutBefore = engine.Counters.TrailsSampledOut.Value;

        var activity = _source.StartActivity("dropped");

        Assert.Null(activity);
        Assert.Equal(0, engine.RunningTrails);
        Assert.Equal(sampledOutBefore + 1, engine.Counters.TrailsSampledOut.Value);
        Assert.Equal(0, bridge.Opened);
    }

    [Fact]
    public void ActivitiesOfAnotherListenersTraceAreSkippedAndCounted()
    {
        var engine = StartEngine(new EngineOptions { Gate = NeverGate.Instance });
        using var bridge = ActivityBridge.Start(engine, [_source.Name]);
        using var other = new ActivityListener
        {
            ShouldListenTo = s => s == _source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(other);

        using (_source.StartActivity("someone else's")) { }

        Assert.Equal(0, bridge.Opened);
        Assert.Equal(2, bridge.Skipped);
    }

    [Fact]
    public void SourcesOutsideTheFilterAreNotListenedTo()
    {
        var engine = StartEngine();
        using var bridge = ActivityBridge.Start(engine, [_source.Name + ".Other", "Unrelated.*"]);

        Assert.False(_source.HasListeners());
        Assert.Null(_source.StartActivity("ignored"));
    }

    [Fact]
    public void APrefixPatternListensToEverySourceUnderIt()
    {
        var engine = StartEngine();
        var completions = Subscribe<TrailCompleted>();
        using var bridge = ActivityBridge.Start(engine, [_source.Name[..^4] + "*"]);

        using (_source.StartActivity("matched")) { }

        Assert.Equal("matched", completions.ExpectMsg<TrailCompleted>().Root.Name);
    }

    [Fact]
    public void TheEnginesOwnSourceAndUnnamedSourcesAreNeverListenedTo()
    {
        var engine = StartEngine();
        using var bridge = ActivityBridge.Start(engine, ["*"]);
        engine.Recorder.ProbesAsActivities = true;

        using (var probe = engine.Recorder.OpenTrail("scoped"))
        {
            Assert.NotNull(Activity.Current);
            using var legacy = new Activity("legacy").Start();
        }
        var fromProbe = ProbeActivity.From(new Probe(CodeSight.Contracts.Ids.ProbeId.New(), CodeSight.Contracts.Ids.TrailId.New(), null,
            ProbeKind.Run, "built", 1, 2, ProbeStatus.Ok, ProbeAttributes.Empty, null));

        Assert.NotNull(fromProbe);
        Assert.Equal(0, bridge.Opened);
    }

    [Fact]
    public async Task TheEngineStartsTheBridgeFromConfigurationAndStopsItWithTheSystem()
    {
        var system = ActorSystem.Create("bridge-configured", $$"""
            codesight.activities.listen { enabled = on, sources = ["{{_source.Name}}"] }
            """);
        var engine = CodeSightEngine.Start(system);
        try
        {
            Assert.NotNull(engine.ActivityBridge);
            using (_source.StartActivity("configured")) { }
            Assert.Equal(1, engine.ActivityBridge.Opened);
            Assert.Equal(1, engine.ActivityBridge.Closed);
        }
        finally
        {
            await system.Terminate();
        }

        AwaitCondition(() => !_source.HasListeners(), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void WithoutTheSettingTheEngineStartsNoBridge()
    {
        Assert.Null(StartEngine().ActivityBridge);
    }

    [Fact]
    public void ABadSourcePatternInConfigurationIsRefusedNamingItsPath()
    {
        var config = CodeSight.Actors.Configuration.ConfigurationFactory.Load(
            CodeSight.Actors.Configuration.ConfigurationFactory.ParseString("codesight.activities.listen.sources = [\"A.*\", \"*B\"]"));

        var error = Assert.Throws<CodeSight.Actors.Configuration.ConfigurationException>(() => new ActivitySettings(config));

        Assert.StartsWith("codesight.activities.listen.sources[1]:", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Foo*Bar")]
    [InlineData("*.Http")]
    public void ABadSourcePatternIsRefusedByName(string pattern)
    {
        var engine = StartEngine();

        var error = Assert.Throws<ArgumentException>(() => ActivityBridge.Start(engine, [pattern]));

        Assert.Contains($"\"{pattern}\"", error.Message);
    }
}
