using CodeSight.Contracts.Observations;
using CodeSight.Engine.Clock;
using CodeSight.Engine.Sight;
using CodeSight.TestKit;

namespace CodeSight.Engine.Tests.Sight;

public sealed class SightEnablementTests() : CodeSight.TestKit.TestKit("codesight.engine.sight.disabled-points = [\"cold_start\", \"log\"]")
{
    private static readonly Action<SightScope> Work = static scope => scope.Metric("n", 1).Note("k", "v");

    private SightRegistry NewRegistry(out TestProbe observations)
    {
        observations = CreateTestProbe();
        Sys.EventStream.Subscribe(observations.Ref, typeof(Observation));
        return new SightRegistry(Sys.EventStream, new ManualClock(), new SightSettings(Sys.Settings.Config));
    }

    [Fact]
    public void ADisabledPointRunsTheWorkButPublishesNothing()
    {
        var sight = NewRegistry(out var observations);
        var point = sight.Point("step", Modality.Simulation, ["n"]);
        sight.Disable("step");
        var ran = 0;

        point.Measure(scope =>
        {
            ran++;
            Assert.False(scope.IsRecording);
            scope.Metric("n", 1);
        });

        Assert.Equal(1, ran);
        Assert.False(point.IsEnabled);
        observations.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void EnablingAgainResumesRecording()
    {
        var sight = NewRegistry(out var observations);
        var point = sight.Point("step", Modality.Simulation, ["n"]);
        sight.Disable("step");
        point.Measure(Work);
        sight.Enable("step");
        point.Measure(Work);

        Assert.Equal("step", observations.ExpectMsg<Observation>().SightPoint);
        observations.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void ADisabledPointAllocatesNothing()
    {
        var sight = NewRegistry(out _);
        var point = sight.Point("hot_loop", Modality.Simulation, ["n"]);
        sight.Disable("hot_loop");
        // Warm up so that JIT and static initialisation are not counted.
        Run(point);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) Run(point);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);

        static void Run(SightPoint point)
        {
            point.Measure(Work);
            using var scope = point.Begin();
            scope.Metric("n", 2).Note("k", null);
        }
    }

    [Fact]
    public void PointsNamedInTheConfigurationStartDisabled()
    {
        var sight = NewRegistry(out var observations);
        var cold = sight.Point("cold_start", Modality.Simulation);
        Assert.False(cold.IsEnabled);
        Assert.False(sight.IsEnabled("log"));

        cold.Measure(_ => { });
        sight.Log("engine", "not recorded");
        observations.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        sight.Enable("log");
        sight.Log("engine", "recorded");
        Assert.Equal("recorded", Assert.IsType<LogPayload>(observations.ExpectMsg<Observation>().Payload).Message);
    }

    [Fact]
    public void APointDisabledBeforeItIsDefinedStartsDisabled()
    {
        var sight = NewRegistry(out _);
        sight.Disable("later");
        Assert.False(sight.Point("later", Modality.Planning).IsEnabled);
    }

    [Fact]
    public void TheMasterSwitchSilencesEveryPointAndManualLog()
    {
        var sight = NewRegistry(out var observations);
        var point = sight.Point("step", Modality.Simulation);
        sight.Enabled = false;

        point.Measure(_ => { });
        sight.Metric("fps", 60);
        sight.Image([0x00], "camera");

        observations.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.False(point.IsEnabled);
        sight.Enabled = true;
        sight.Metric("fps", 60);
        observations.ExpectMsg<Observation>(o => o.SightPoint == SightRegistry.MetricPoint);
    }

    [Fact]
    public async Task TogglingFromAnotherThreadWhileMeasuringIsSafe()
    {
        var sight = NewRegistry(out _);
        var point = sight.Point("busy", Modality.Simulation, ["n"]);
        using var stop = new CancellationTokenSource();
        var toggler = Task.Run(() =>
        {
            var on = false;
            while (!stop.IsCancellationRequested)
            {
                if (on) sight.Enable("busy"); else sight.Disable("busy");
                on = !on;
            }
        });

        var measured = 0;
        for (var i = 0; i < 20_000; i++) point.Measure(_ => measured++);
        stop.Cancel();
        await toggler.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(20_000, measured);
        sight.Enable("busy");
        Assert.True(point.IsEnabled);
    }
}
