using CodeSight.Actors.Configuration;
using CodeSight.Actors.Tests.Support;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

[Collection(SerialCollection.Name)]
public sealed class ReferenceEnvironmentTests
{
    [Fact]
    public void EveryLoadReadsTheTimeFactorVariableAsItIsNow()
    {
        // Load() used to resolve one cached reference, so a variable set after the first load was never seen.
        Environment.SetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR", null);
        Assert.Equal(1.0, ConfigurationFactory.Load().GetDouble("codesight.test.timefactor"));
        Environment.SetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR", "1.25");
        try
        {
            Assert.Equal(1.25, ConfigurationFactory.Load().GetDouble("codesight.test.timefactor"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CODESIGHT_TEST_TIMEFACTOR", null);
        }
    }
}
