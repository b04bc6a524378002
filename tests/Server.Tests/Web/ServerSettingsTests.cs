using CodeSight.Actors.Configuration;
using CodeSight.Server.Web;

namespace CodeSight.Server.Tests.Web;

public sealed class ServerSettingsTests
{
    [Fact]
    public void ReadsTheReferenceDefaults()
    {
        var settings = ServerSettings.FromConfig(ConfigurationFactory.Load());
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(8765, settings.Port);
        Assert.Null(settings.Token);
        Assert.Equal(1 << 20, settings.MaxMessageBytes);
        Assert.Equal(2048, settings.ClientQueue);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.StatsInterval);
        Assert.True(settings.DiscoveryFile);
    }

    [Theory]
    [InlineData("codesight.server.host = \"example.com\"", "host")]
    [InlineData("codesight.server.port = 70000", "port")]
    [InlineData("codesight.server.token = short", "token")]
    [InlineData("codesight.server.client-queue = 0", "client-queue")]
    [InlineData("codesight.server.allowed-origins = [\"ftp://x\"]", "allowed-origins")]
    public void RejectsABadValueNamingItsKey(string hocon, string key)
    {
        var config = ConfigurationFactory.Load(ConfigurationFactory.ParseString(hocon));
        var error = Assert.Throws<ConfigurationException>(() => ServerSettings.FromConfig(config));
        Assert.Contains("codesight.server." + key, error.Message);
    }
}
