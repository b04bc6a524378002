using Xunit;
using CodeSight.Actors.Configuration;
using CodeSight.TestKit.Tests.Support;

namespace CodeSight.TestKit.Tests.Expectations;

[Collection(SerialCollection.Name)]
public sealed class TimeFactorEnvironmentTests
{
    private sealed class Kit(string? hocon = null) : TestKit(hocon);

    [Fact]
    public void TheEnvironmentVariableSetsTheTimeFactor()
    {
        Environment.SetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR", "3");
        try
        {
            using var kit = new Kit();
            Assert.Equal(3.0, kit.Settings.TimeFactor);
            Assert.Equal(TimeSpan.FromSeconds(3), kit.Dilated(TimeSpan.FromSeconds(1)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR", null);
        }
    }

    [Fact]
    public void ConfigurationWinsOverTheEnvironmentVariable()
    {
        Environment.SetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR", "3");
        try
        {
            using var kit = new Kit("codesight.test.timefactor = 1.5");
            Assert.Equal(1.5, kit.Settings.TimeFactor);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR", null);
        }
    }

    [Fact]
    public void WithoutTheVariableTheFactorIsOne()
    {
        Environment.SetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR", null);
        using var kit = new Kit();
        Assert.Equal(1.0, kit.Settings.TimeFactor);
    }

    [Fact]
    public void ANonPositiveTimeFactorIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new TestKitSettings(ConfigurationFactory.Load(
            ConfigurationFactory.ParseString("codesight.test.timefactor = 0"))));
        Assert.Contains("codesight.test.timefactor: 0 is not a positive", e.Message);
    }
}
