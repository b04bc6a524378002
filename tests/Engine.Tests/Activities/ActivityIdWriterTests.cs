using System.Diagnostics;
using CodeSight.Contracts.Ids;
using CodeSight.Engine.Activities;

namespace CodeSight.Engine.Tests.Activities;

public sealed class ActivityIdWriterTests
{
    [Fact]
    public void TheSelfCheckPassesOnThisRuntime()
    {
        Assert.True(ActivityIdWriter.IsSupported);
    }

    [Fact]
    public void TheSelfCheckLeavesActivityCurrentAlone()
    {
        var outer = new Activity("outer").Start();
        try
        {
            Assert.Null(ActivityIdWriter.SelfCheck());
            Assert.Same(outer, Activity.Current);
        }
        finally
        {
            outer.Stop();
        }
    }

    [Fact]
    public void WrittenIdsAreWhatThePublicPropertiesAndTheComposedIdReport()
    {
        var trail = TrailId.New();
        var probe = ProbeId.New();
        var parent = ProbeId.New();
        var activity = new Activity("x");
        activity.SetIdFormat(ActivityIdFormat.W3C);

        ActivityIdWriter.Write(activity, trail, probe, parent);

        Assert.Equal(trail.ToString(), activity.TraceId.ToHexString());
        Assert.Equal(probe.ToString(), activity.SpanId.ToHexString());
        Assert.Equal(parent.ToString(), activity.ParentSpanId.ToHexString());
        Assert.StartsWith($"00-{trail}-{probe}-", activity.Id);
    }

    [Fact]
    public void ARootProbeGetsNoParentSpanId()
    {
        var activity = new Activity("x");
        activity.SetIdFormat(ActivityIdFormat.W3C);

        ActivityIdWriter.Write(activity, TrailId.New(), ProbeId.New(), null);

        Assert.Equal(default, activity.ParentSpanId);
    }

    [Fact]
    public void IdsConvertBackToTrailAndProbeIdsUnchanged()
    {
        var trail = TrailId.New();
        var probe = ProbeId.New();

        Assert.Equal(trail, ActivityBridge.ToTrailId(ActivityTraceId.CreateFromString(trail.ToString())));
        Assert.Equal(probe, ActivityBridge.ToProbeId(ActivitySpanId.CreateFromString(probe.ToString())));
    }
}
