using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Tests.Probes;

public sealed class ProbeStatusesTests
{
    [Theory]
    [InlineData(ProbeStatus.Open, "open")]
    [InlineData(ProbeStatus.Ok, "ok")]
    [InlineData(ProbeStatus.Error, "error")]
    [InlineData(ProbeStatus.Abandoned, "abandoned")]
    public void WritesAndParsesLowercaseWireNames(ProbeStatus status, string name)
    {
        Assert.Equal(name, ProbeStatuses.WireName(status));
        Assert.Equal(status, ProbeStatuses.Parse(name));
    }

    [Fact]
    public void OnlyOpenIsNotTerminal()
    {
        Assert.Equal([ProbeStatus.Open], Enum.GetValues<ProbeStatus>().Where(s => !ProbeStatuses.IsTerminal(s)));
    }

    [Fact]
    public void RejectsAnUnknownStatusNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => ProbeStatuses.Parse("OK"));

        Assert.Contains("\"OK\"", error.Message);
    }
}
