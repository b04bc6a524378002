using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class DurationTests
{
    private static TimeSpan Read(string literal) => ConfigurationFactory.ParseString("d = " + literal).GetTimeSpan("d");

    [Theory]
    [InlineData("100ns", 1)]
    [InlineData("200 nanosecond", 2)]
    [InlineData("300 nanoseconds", 3)]
    [InlineData("100us", 1_000)]
    [InlineData("3 microsecond", 30)]
    [InlineData("4 microseconds", 40)]
    public void ReadsSubMillisecondUnitsAsTicks(string literal, long ticks) => Assert.Equal(TimeSpan.FromTicks(ticks), Read(literal));

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("250 ms", 250)]
    [InlineData("3 millisecond", 3)]
    [InlineData("4 milliseconds", 4)]
    [InlineData("10s", 10_000)]
    [InlineData("1 second", 1_000)]
    [InlineData("10 seconds", 10_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1 minute", 60_000)]
    [InlineData("5 minutes", 300_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1 hour", 3_600_000)]
    [InlineData("3 hours", 10_800_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1 day", 86_400_000)]
    [InlineData("2 days", 172_800_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("\"10 seconds\"", 10_000)]
    public void ReadsEveryUnitInMilliseconds(string literal, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Read(literal));

    [Fact]
    public void ReadsABareNumberAsMilliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Read("1500"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Read("\"1500\""));
    }

    [Fact]
    public void ReadsInfiniteAsTheInfiniteTimeSpan()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, Read("infinite"));
    }

    [Fact]
    public void RoundsNanosecondsToTheNearestTick()
    {
        Assert.Equal(TimeSpan.FromTicks(2), Read("150ns"));
        Assert.Equal(TimeSpan.FromTicks(1), Read("149ns"));
    }

    [Fact]
    public void RejectsAnUnknownUnitNamingPathValueAndPosition()
    {
        var config = ConfigurationFactory.ParseString("x {\n  timeout = 10 parsecs\n}", "app.conf");
        var error = Assert.Throws<ConfigurationException>(() => config.GetTimeSpan("x.timeout"));
        Assert.Equal("app.conf:2:13: 'x.timeout' = \"10 parsecs\" is not valid: unknown duration unit 'parsecs'; expected one of ns, us, ms, s, m, h, d (or their long names)", error.Message);
        Assert.Equal(2, error.Line);
        Assert.Equal(13, error.Column);
    }

    [Theory]
    [InlineData("10S")]
    [InlineData("5 Minutes")]
    [InlineData("fast")]
    [InlineData("s")]
    [InlineData("5 millis")]
    [InlineData("5 nanos")]
    [InlineData("5 micro")]
    [InlineData("5 sec")]
    public void RejectsTextThatIsNotADuration(string literal)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(literal));
        Assert.Contains("'d'", error.Message);
    }

    [Theory]
    [InlineData("100000000000 days")]
    [InlineData("70000000000000000000000000000 days")]
    [InlineData("-100000000000 days")]
    public void RejectsADurationTooLargeForATimeSpan(string literal)
    {
        Assert.Contains("too large", Assert.Throws<ConfigurationException>(() => Read(literal)).Message);
    }

    [Fact]
    public void ReturnsTheDefaultDurationWhenThePathIsMissing()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), ConfigurationFactory.ParseString("").GetTimeSpan("d", TimeSpan.FromSeconds(3)));
    }
}
