using System.Diagnostics;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Tests.Support;

namespace CodeSight.Engine.Tests.Activities;

public sealed class ProbeScopeTests : EngineTestKit
{
    [Fact]
    public void InsideAProbeActivityCurrentCarriesTheTrailAndProbeIds()
    {
        var engine = StartEngine();
        engine.Recorder.ProbesAsActivities = true;
        var outer = new Activity("outer").Start();
        try
        {
            using (var root = engine.Recorder.OpenTrail("turn"))
            {
                var current = Activity.Current!;
                Assert.Equal(root.TrailId.ToString(), current.TraceId.ToHexString());
                Assert.Equal(root.Id.ToString(), current.SpanId.ToHexString());
                Assert.Equal(default, current.ParentSpanId);
                Assert.True(current.Recorded);

                using (var child = root.Child(ProbeKind.Tool, "search"))
                {
                    Assert.Equal(root.TrailId.ToString(), Activity.Current!.TraceId.ToHexString());
                    Assert.Equal(child.Id.ToString(), Activity.Current.SpanId.ToHexString());
                    Assert.Equal(root.Id.ToString(), Activity.Current.ParentSpanId.ToHexString());
                    Assert.Equal("search", Activity.Current.DisplayName);
                }

                Assert.Same(current, Activity.Current);
            }

            Assert.Same(outer, Activity.Current);
        }
        finally
        {
            outer.Stop();
        }
    }

    [Fact]
    public async Task ActivityCurrentFlowsIntoAwaitedCodeInsideTheProbe()
    {
        var engine = StartEngine();
        engine.Recorder.ProbesAsActivities = true;

        using var root = engine.Recorder.OpenTrail("turn");
        await Task.Yield();
        var seen = await Task.Run(() => Activity.Current?.SpanId.ToHexString());

        Assert.Equal(root.Id.ToString(), seen);
    }

    [Fact]
    public void WithoutTheOptInProbesLeaveActivityCurrentAlone()
    {
        var engine = StartEngine();

        using (engine.Recorder.OpenTrail("turn"))
        {
            Assert.Null(Activity.Current);
        }
    }

    [Fact]
    public void TheOptInIsReadFromConfiguration()
    {
        using var kit = new ConfiguredKit("codesight.activities.probe-scope = on");
        var engine = CodeSightEngine.Start(kit.Sys);

        Assert.True(engine.Recorder.ProbesAsActivities);
        using var probe = engine.Recorder.OpenTrail("turn");
        Assert.Equal(probe.Id.ToString(), Activity.Current?.SpanId.ToHexString());
    }

    [Fact]
    public void ASampledOutTrailLeavesActivityCurrentAlone()
    {
        var engine = StartEngine(new EngineOptions { Gate = CodeSight.Engine.Sampling.NeverGate.Instance });
        engine.Recorder.ProbesAsActivities = true;

        using (engine.Recorder.OpenTrail("turn"))
        {
            Assert.Null(Activity.Current);
        }
    }

    private sealed class ConfiguredKit(string hocon) : TestKit.TestKit(hocon);
}
