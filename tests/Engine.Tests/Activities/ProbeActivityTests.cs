using System.Diagnostics;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;
using CodeSight.Engine.Activities;

namespace CodeSight.Engine.Tests.Activities;

public sealed class ProbeActivityTests
{
    private const long Start = 1_700_000_000_123_456;

    [Fact]
    public void AClosedProbeBecomesAnActivityWithItsIdsNameKindTimesAndTags()
    {
        var parent = ProbeId.New();
        var probe = new Probe(ProbeId.New(), TrailId.New(), parent, ProbeKind.Tool, "search", Start, Start + 2_500,
            ProbeStatus.Ok, new Dictionary<string, object?> { ["hits"] = 3L, ["query"] = "rust", ["nested"] = new Dictionary<string, object?> { ["a"] = 1L } }, null);

        var activity = ProbeActivity.From(probe);

        Assert.Equal(probe.TrailId.ToString(), activity.TraceId.ToHexString());
        Assert.Equal(probe.Id.ToString(), activity.SpanId.ToHexString());
        Assert.Equal(parent.ToString(), activity.ParentSpanId.ToHexString());
        Assert.Equal("search", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(ProbeActivity.SourceName, activity.Source.Name);
        Assert.Equal(Start, ProbeActivity.EpochMicros(activity.StartTimeUtc));
        Assert.Equal(TimeSpan.FromTicks(25_000), activity.Duration);
        Assert.Equal(3L, activity.GetTagItem("hits"));
        Assert.Equal("rust", activity.GetTagItem("query"));
        Assert.Equal("{\"a\":1}", activity.GetTagItem("nested"));
        Assert.Equal("tool", activity.GetTagItem(ActivityKinds.KindTag));
        Assert.Equal(ActivityStatusCode.Ok, activity.Status);
        Assert.True(activity.Recorded);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public void AFaultBecomesAnErrorStatusAndAnExceptionEvent()
    {
        var probe = new Probe(ProbeId.New(), TrailId.New(), null, ProbeKind.Run, "run", Start, Start + 10,
            ProbeStatus.Error, ProbeAttributes.Empty, new ProbeFault("timed out", "System.TimeoutException", "at Fetch()"));

        var activity = ProbeActivity.From(probe);

        Assert.Equal(default, activity.ParentSpanId);
        Assert.Equal(ActivityKind.Internal, activity.Kind);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("timed out", activity.StatusDescription);
        var exception = Assert.Single(activity.Events);
        Assert.Equal("exception", exception.Name);
        var tags = exception.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("System.TimeoutException", tags["exception.type"]);
        Assert.Equal("timed out", tags["exception.message"]);
        Assert.Equal("at Fetch()", tags["exception.stacktrace"]);
        Assert.Equal(Start + 10, ProbeActivity.EpochMicros(exception.Timestamp.UtcDateTime));
    }

    [Fact]
    public void AnAbandonedProbeIsAnErrorThatSaysSo()
    {
        var probe = new Probe(ProbeId.New(), TrailId.New(), null, ProbeKind.Turn, "turn", Start, Start + 10,
            ProbeStatus.Abandoned, ProbeAttributes.Empty, null);

        var activity = ProbeActivity.From(probe);

        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("abandoned", activity.StatusDescription);
        Assert.Equal("abandoned", activity.GetTagItem(ProbeActivity.StatusTag));
    }

    [Fact]
    public void AnOpenProbeIsRefusedWithItsIdInTheMessage()
    {
        var probe = new Probe(ProbeId.New(), TrailId.New(), null, ProbeKind.Run, "run", Start, null, ProbeStatus.Open, ProbeAttributes.Empty, null);

        var error = Assert.Throws<ArgumentException>(() => ProbeActivity.From(probe));

        Assert.Contains(probe.Id.ToString(), error.Message);
    }

    [Theory]
    [InlineData(ActivityKind.Server, ProbeKind.Turn)]
    [InlineData(ActivityKind.Consumer, ProbeKind.Turn)]
    [InlineData(ActivityKind.Client, ProbeKind.Tool)]
    [InlineData(ActivityKind.Producer, ProbeKind.Tool)]
    [InlineData(ActivityKind.Internal, ProbeKind.Custom)]
    public void ActivityKindsMapOntoProbeKinds(ActivityKind activity, ProbeKind probe)
    {
        Assert.Equal(probe, ActivityKinds.ToProbeKind(activity));
    }
}
