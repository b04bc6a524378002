using CodeSight.Contracts.Observations;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Recording;
using CodeSight.Engine.Sight;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sight;

public sealed class SightPointTests : CodeSight.TestKit.TestKit
{
    private readonly ManualClock _clock = new(1_700_000_000_000_000);
    private readonly CodeSightEngine _engine;
    private readonly TestProbe _observations;

    public SightPointTests()
    {
        _engine = CodeSightEngine.Start(Sys, new EngineOptions { Clock = _clock });
        _observations = CreateTestProbe();
        Sys.EventStream.Subscribe(_observations.Ref, typeof(Observation));
    }

    [Fact]
    public void MeasurePublishesOneObservationWithLatencyAndTheReportedMetrics()
    {
        var point = _engine.Sight.Point("planning_step", Modality.Planning, ["latency_ms", "token_count"], target: "planner");

        point.Measure(scope => scope.Metric("token_count", 42).Note("route", "A-B"));

        var seen = _observations.ExpectMsg<Observation>();
        Assert.Equal("planning_step", seen.SightPoint);
        Assert.Equal("planner", seen.Target);
        Assert.Equal(Modality.Planning, seen.Modality);
        Assert.Equal(_clock.NowMicros(), seen.Timestamp);
        Assert.Equal(42, seen.Metrics["token_count"]);
        Assert.True(seen.Metrics["latency_ms"] >= 0);
        Assert.Equal(2, seen.Metrics.Count);
        Assert.Equal("ok", seen.Context["status"]);
        Assert.Equal("A-B", seen.Context["route"]);
        Assert.Null(seen.TrailId);
        _observations.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void LeavesOutDeclaredMetricsTheWorkDidNotReport()
    {
        var point = _engine.Sight.Point("step", Modality.Simulation, ["a", "b"]);
        point.Measure(scope => scope.Metric("b", 2));
        var seen = _observations.ExpectMsg<Observation>();
        Assert.Equal(["b", "latency_ms"], seen.Metrics.Keys.Order());
    }

    [Fact]
    public void AnExceptionEscapingTheWorkIsRecordedAndRethrown()
    {
        var point = _engine.Sight.Point("tool_call", Modality.ToolCalling);

        var thrown = Assert.Throws<TimeoutException>(() => point.Measure(_ => throw new TimeoutException("slow tool")));

        Assert.Equal("slow tool", thrown.Message);
        var seen = _observations.ExpectMsg<Observation>();
        Assert.Equal("error", seen.Context["status"]);
        Assert.Equal(typeof(TimeoutException).FullName, seen.Context["error.type"]);
        Assert.Equal("slow tool", seen.Context["error.message"]);
    }

    [Fact]
    public async Task MeasureAsyncTimesTheWholeTaskAndReturnsItsResult()
    {
        var point = _engine.Sight.Point("inference", Modality.Inference, ["tokens"]);

        var result = await point.MeasureAsync(async scope =>
        {
            await Task.Yield();
            scope.Metric("tokens", 7);
            return "answer";
        });

        Assert.Equal("answer", result);
        var seen = _observations.ExpectMsg<Observation>();
        Assert.Equal(7, seen.Metrics["tokens"]);
        Assert.Equal("ok", seen.Context["status"]);
    }

    [Fact]
    public async Task MeasureAsyncRecordsAFaultedTaskAndRethrows()
    {
        var point = _engine.Sight.Point("inference", Modality.Inference);
        await Assert.ThrowsAsync<InvalidOperationException>(() => point.MeasureAsync(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("model gone");
        }));
        Assert.Equal("model gone", _observations.ExpectMsg<Observation>().Context["error.message"]);
    }

    [Fact]
    public void MeasureReturnsTheWorkResult()
    {
        var point = _engine.Sight.Point("sum", Modality.CodeExecution);
        Assert.Equal(5, point.Measure(_ => 2 + 3));
        _observations.ExpectMsg<Observation>();
    }

    [Fact]
    public void ABeginScopePublishesOnceWhenDisposed()
    {
        var point = _engine.Sight.Point("frame", Modality.VisionProcessing, ["objects"]);
        var scope = point.Begin();
        scope.Metric("objects", 3);
        _observations.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        scope.Dispose();
        scope.Dispose();

        Assert.Equal(3, _observations.ExpectMsg<Observation>().Metrics["objects"]);
        _observations.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void LinksTheObservationToTheProbeItRanUnder()
    {
        using var root = _engine.Recorder.OpenTrail("agent-turn", CodeSight.Contracts.Probes.ProbeKind.Turn);
        var point = _engine.Sight.Point("planning_step", Modality.Planning);

        point.Measure(_ => { }, root);

        var seen = _observations.ExpectMsg<Observation>();
        Assert.Equal(root.TrailId, seen.TrailId);
        Assert.Equal(root.Id, seen.ProbeId);
    }

    [Fact]
    public void AProbeThatIsNotRecordingLeavesTheObservationUnlinked()
    {
        var point = _engine.Sight.Point("planning_step", Modality.Planning);
        point.Measure(_ => { }, ProbeHandle.Noop);
        var seen = _observations.ExpectMsg<Observation>();
        Assert.Null(seen.TrailId);
        Assert.Null(seen.ProbeId);
    }

    [Fact]
    public void RejectsAnUndeclaredMetricNamingThePointAndTheDeclaredOnes()
    {
        var point = _engine.Sight.Point("planning_step", Modality.Planning, ["token_count"]);

        var error = Assert.Throws<ArgumentException>(() => point.Measure(scope => scope.Metric("tokens", 1)));

        Assert.Contains("'planning_step'", error.Message);
        Assert.Contains("'tokens'", error.Message);
        Assert.Contains("declared: latency_ms, token_count", error.Message);
        Assert.Equal("error", _observations.ExpectMsg<Observation>().Context["status"]);
    }

    [Fact]
    public void RejectsReportingTheLatencyByHand()
    {
        using var scope = _engine.Sight.Point("p", Modality.Planning).Begin();
        var error = Assert.Throws<ArgumentException>(() => scope.Metric("latency_ms", 1));
        Assert.Contains("measured by the point itself", error.Message);
    }

    [Fact]
    public void RejectsANonFiniteMetricValue()
    {
        using var scope = _engine.Sight.Point("p", Modality.Planning, ["x"]).Begin();
        var error = Assert.Throws<ArgumentException>(() => scope.Metric("x", double.NaN));
        Assert.Contains("not a finite number", error.Message);
    }

    [Fact]
    public void ReturnsTheSamePointForTheSameDefinition()
    {
        var first = _engine.Sight.Point("p", Modality.Planning, ["a"]);
        Assert.Same(first, _engine.Sight.Point("p", Modality.Planning, ["a"]));
        Assert.Same(first, _engine.Sight.Point("p", Modality.Planning, ["latency_ms", "a"]));
    }

    [Fact]
    public void RefusesToRedefineAPointDifferently()
    {
        _engine.Sight.Point("p", Modality.Planning, ["a"]);
        var error = Assert.Throws<InvalidOperationException>(() => _engine.Sight.Point("p", Modality.Inference, ["a"]));
        Assert.Contains("planning", error.Message);
        Assert.Contains("inference", error.Message);
    }

    [Theory]
    [InlineData("has space", "' ' at index 3")]
    [InlineData("", "empty")]
    [InlineData("log", "reserved")]
    public void RejectsABadPointName(string name, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => _engine.Sight.Point(name, Modality.Planning));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void RejectsAMetricDeclaredTwice()
    {
        var error = Assert.Throws<ArgumentException>(() => _engine.Sight.Point("p", Modality.Planning, ["a", "b", "a"]));
        Assert.Contains("'a' twice (again at index 2)", error.Message);
    }
}
