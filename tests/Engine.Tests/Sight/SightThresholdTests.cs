using CodeSight.Contracts.Observations;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Sight;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sight;

public sealed class SightThresholdTests : CodeSight.TestKit.TestKit
{
    private readonly ManualClock _clock = new(1_700_000_000_000_000);
    private readonly SightRegistry _sight;
    private readonly TestProbe _alerts;
    private readonly TestProbe _observations;

    public SightThresholdTests()
    {
        _sight = new SightRegistry(Sys.EventStream, _clock);
        _alerts = CreateTestProbe();
        _observations = CreateTestProbe();
        Sys.EventStream.Subscribe(_alerts.Ref, typeof(SightAlert));
        Sys.EventStream.Subscribe(_observations.Ref, typeof(Observation));
    }

    [Fact]
    public void AMetricAboveItsThresholdPublishesAnAlert()
    {
        var point = _sight.Point("planning_step", Modality.Planning, ["token_count"]);
        _sight.SetThreshold("planning_step", "token_count", 100);

        point.Measure(scope => scope.Metric("token_count", 150));

        Assert.Equal(new SightAlert("planning_step", "token_count", 150, 100, _clock.NowMicros(), false), _alerts.ExpectMsg<SightAlert>());
        Assert.Equal("ok", _observations.ExpectMsg<Observation>().Context["status"]);
    }

    [Fact]
    public void AValueAtTheThresholdDoesNotAlert()
    {
        var point = _sight.Point("p", Modality.Planning, ["x"]);
        _sight.SetThreshold("p", "x", 100);
        point.Measure(scope => scope.Metric("x", 100));
        _alerts.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void AFailClosedBreachThrowsToTheCallerAfterAlerting()
    {
        var point = _sight.Point("tool_call", Modality.ToolCalling, ["cost"]);
        _sight.SetThreshold("tool_call", "cost", 1.5, failClosed: true);
        var after = false;

        var error = Assert.Throws<SightThresholdException>(() => point.Measure(scope =>
        {
            scope.Metric("cost", 2.25);
            after = true;
        }));

        Assert.False(after);
        Assert.Equal(("tool_call", "cost", 2.25, 1.5), (error.Point, error.Metric, error.Value, error.Threshold));
        Assert.Equal("Sight point 'tool_call': cost = 2.25 is above its fail-closed threshold 1.5.", error.Message);
        Assert.True(_alerts.ExpectMsg<SightAlert>().FailClosed);
        var seen = _observations.ExpectMsg<Observation>();
        Assert.Equal("error", seen.Context["status"]);
        Assert.Equal(typeof(SightThresholdException).FullName, seen.Context["error.type"]);
    }

    [Fact]
    public void TheLatencyCanCarryAThreshold()
    {
        var point = _sight.Point("frame", Modality.Simulation);
        // Any measured latency is above -1 ms, so this breaches deterministically.
        _sight.SetThreshold("frame", "latency_ms", -1);

        point.Measure(_ => { });

        var alert = _alerts.ExpectMsg<SightAlert>();
        Assert.Equal("latency_ms", alert.Metric);
        Assert.Equal(_observations.ExpectMsg<Observation>().Metrics["latency_ms"], alert.Value);
    }

    [Fact]
    public void AFailClosedLatencyBreachThrowsOnceTheWorkIsDone()
    {
        var point = _sight.Point("frame", Modality.Simulation);
        _sight.SetThreshold("frame", "latency_ms", -1, failClosed: true);
        var done = false;

        var error = Assert.Throws<SightThresholdException>(() => point.Measure(_ => done = true));

        Assert.True(done);
        Assert.Equal("latency_ms", error.Metric);
        Assert.Equal("ok", _observations.ExpectMsg<Observation>().Context["status"]);
    }

    [Fact]
    public void AFailingWorkKeepsItsOwnExceptionWhenTheLatencyAlsoBreaches()
    {
        var point = _sight.Point("frame", Modality.Simulation);
        _sight.SetThreshold("frame", "latency_ms", -1, failClosed: true);
        Assert.Throws<FormatException>(() => point.Measure(_ => throw new FormatException("bad")));
        _alerts.ExpectMsg<SightAlert>();
    }

    [Fact]
    public void ThresholdsChangeAtRunTime()
    {
        var point = _sight.Point("p", Modality.Planning, ["x"]);
        _sight.SetThreshold("p", "x", 10);
        point.Measure(scope => scope.Metric("x", 20));
        _alerts.ExpectMsg<SightAlert>(a => a.Threshold == 10);

        _sight.SetThreshold("p", "x", 30);
        point.Measure(scope => scope.Metric("x", 20));
        _alerts.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        Assert.True(_sight.ClearThreshold("p", "x"));
        Assert.False(_sight.ClearThreshold("p", "x"));
        Assert.Null(_sight.ThresholdOf("p", "x"));
        point.Measure(scope => scope.Metric("x", 1000));
        _alerts.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void AThresholdSetBeforeThePointIsDefinedApplies()
    {
        _sight.SetThreshold("later", "x", 0);
        _sight.Point("later", Modality.Planning, ["x"]).Measure(scope => scope.Metric("x", 1));
        _alerts.ExpectMsg<SightAlert>(a => a.Point == "later");
    }

    [Fact]
    public void RejectsAThresholdOnAMetricThePointDoesNotDeclare()
    {
        _sight.Point("p", Modality.Planning, ["x"]);
        var error = Assert.Throws<ArgumentException>(() => _sight.SetThreshold("p", "y", 1));
        Assert.Contains("does not declare the metric 'y'; declared: latency_ms, x", error.Message);
    }

    [Fact]
    public void RejectsANaNThreshold()
    {
        var error = Assert.Throws<ArgumentException>(() => _sight.SetThreshold("p", "x", double.NaN));
        Assert.Contains("p.x", error.Message);
    }

    [Fact]
    public void ManualMetricsHonourThresholdsToo()
    {
        _sight.SetThreshold(SightRegistry.MetricPoint, "gpu_temp", 90, failClosed: true);

        _sight.Metric("gpu_temp", 80, "C");
        var error = Assert.Throws<SightThresholdException>(() => _sight.Metric("gpu_temp", 95, "C"));

        Assert.Equal(95, error.Value);
        Assert.Equal(95, _alerts.ExpectMsg<SightAlert>().Value);
        Assert.Equal(2, _observations.ReceiveN(2).Count);
    }
}
