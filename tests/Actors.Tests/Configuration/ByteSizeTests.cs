using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class ByteSizeTests
{
    private static long Read(string literal) => ConfigurationFactory.ParseString("s = " + literal).GetByteSize("s");

    [Theory]
    [InlineData("512", 512)]
    [InlineData("512 bytes", 512)]
    [InlineData("1 byte", 1)]
    [InlineData("7B", 7)]
    [InlineData("7b", 7)]
    public void ReadsBytes(string literal, long expected) => Assert.Equal(expected, Read(literal));

    [Theory]
    [InlineData("1kB", 1_000L)]
    [InlineData("1 kilobyte", 1_000L)]
    [InlineData("2 kilobytes", 2_000L)]
    [InlineData("10MB", 10_000_000L)]
    [InlineData("1 megabyte", 1_000_000L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1 gigabytes", 1_000_000_000L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1 terabyte", 1_000_000_000_000L)]
    [InlineData("1PB", 1_000_000_000_000_000L)]
    [InlineData("1 petabytes", 1_000_000_000_000_000L)]
    [InlineData("1EB", 1_000_000_000_000_000_000L)]
    [InlineData("1 exabyte", 1_000_000_000_000_000_000L)]
    public void ReadsPowerOfTenUnits(string literal, long expected) => Assert.Equal(expected, Read(literal));

    [Theory]
    [InlineData("64K", 65_536L)]
    [InlineData("64k", 65_536L)]
    [InlineData("64Ki", 65_536L)]
    [InlineData("64KiB", 65_536L)]
    [InlineData("1 kibibyte", 1_024L)]
    [InlineData("2 kibibytes", 2_048L)]
    [InlineData("1M", 1L << 20)]
    [InlineData("1m", 1L << 20)]
    [InlineData("1Mi", 1L << 20)]
    [InlineData("1MiB", 1L << 20)]
    [InlineData("1 mebibyte", 1L << 20)]
    [InlineData("1 GiB", 1L << 30)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1 gibibytes", 1L << 30)]
    [InlineData("1TiB", 1L << 40)]
    [InlineData("1t", 1L << 40)]
    [InlineData("1 tebibyte", 1L << 40)]
    [InlineData("1PiB", 1L << 50)]
    [InlineData("1P", 1L << 50)]
    [InlineData("1 pebibyte", 1L << 50)]
    [InlineData("1EiB", 1L << 60)]
    [InlineData("1e", 1L << 60)]
    [InlineData("1Ei", 1L << 60)]
    [InlineData("1 exbibytes", 1L << 60)]
    [InlineData("1.5KiB", 1_536L)]
    public void ReadsPowerOfTwoUnits(string literal, long expected) => Assert.Equal(expected, Read(literal));

    [Theory]
    [InlineData("1ZB")]
    [InlineData("1 zebibyte")]
    [InlineData("1YiB")]
    [InlineData("1 yottabytes")]
    [InlineData("16EiB")]
    public void RejectsSizesBeyondALong(string literal) =>
        Assert.Contains("too large", Assert.Throws<ConfigurationException>(() => Read(literal)).Message);

    [Fact]
    public void RejectsUppercaseKBWithAHintAtBothSpellings()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read("10KB"));
        Assert.Contains("'kB'", error.Message);
        Assert.Contains("'KiB'", error.Message);
    }

    [Theory]
    [InlineData("10 potatoes", "unknown size unit 'potatoes'")]
    [InlineData("0.5 bytes", "not a whole number")]
    [InlineData("lots", "expected a size")]
    public void RejectsValuesThatAreNotSizes(string literal, string reason)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(literal));
        Assert.Contains(reason, error.Message);
        Assert.Contains("'s'", error.Message);
        Assert.Equal(1, error.Line);
        Assert.Equal(5, error.Column);
    }
}
