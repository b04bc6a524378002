using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Tests.Probes;

public sealed class ProbeKindsTests
{
    [Theory]
    [InlineData(ProbeKind.Run, "run", "run")]
    [InlineData(ProbeKind.Turn, "turn", "inference")]
    [InlineData(ProbeKind.Tool, "tool", "action")]
    [InlineData(ProbeKind.Model, "model", "recall")]
    [InlineData(ProbeKind.Custom, "custom", "custom")]
    public void MapsEachKindToItsLockedSegmentKindAndBack(ProbeKind kind, string appName, string segmentName)
    {
        var segment = ProbeKinds.ToSegment(kind);

        Assert.Equal(segmentName, ProbeKinds.WireName(segment));
        Assert.Equal(appName, ProbeKinds.WireName(kind));
        Assert.Equal(kind, ProbeKinds.FromSegment(segment));
        Assert.Equal(kind, ProbeKinds.ParseProbeKind(appName));
        Assert.Equal(segment, ProbeKinds.ParseSegmentKind(segmentName));
    }

    [Fact]
    public void TheClosedSetHoldsExactlyTheFiveKinds()
    {
        Assert.Equal(Enum.GetValues<ProbeKind>(), ProbeKinds.All);
    }

    [Fact]
    public void RejectsAnUnknownKindListingTheValidOnes()
    {
        var error = Assert.Throws<FormatException>(() => ProbeKinds.ParseProbeKind("inference"));

        Assert.Contains("\"inference\"", error.Message);
        Assert.Contains("run, turn, tool, model, custom", error.Message);
    }

    [Fact]
    public void RejectsAnUppercaseSegmentKind()
    {
        Assert.False(ProbeKinds.TryParseSegmentKind("Action", out _));
        Assert.Throws<FormatException>(() => ProbeKinds.ParseSegmentKind("Action"));
    }

    [Fact]
    public void RejectsAnUndefinedEnumValue()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbeKinds.ToSegment((ProbeKind)42));
    }
}
