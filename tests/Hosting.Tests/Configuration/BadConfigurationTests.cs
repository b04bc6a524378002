using CodeSight.Actors.Configuration;
using CodeSight.Hosting.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CodeSight.Hosting.Tests.Configuration;

public sealed class BadConfigurationTests
{
    [Theory]
    [InlineData("CodeSight:SamplingRatio", "1.5", "CodeSight:SamplingRatio", "1.5")]
    [InlineData("CodeSight:SamplingRatio", "NaN", "CodeSight:SamplingRatio", "NaN")]
    [InlineData("CodeSight:SamplingRatio", "lots", "CodeSight:SamplingRatio", "lots")]
    [InlineData("CodeSight:Ledger:Synchronous", "fast", "CodeSight:Ledger:Synchronous", "fast")]
    [InlineData("CodeSight:SystemName", "my system", "CodeSight:SystemName", "my system")]
    [InlineData("CodeSight:Settings:codesight.engine.trail.idle-timeout", "-3s", "codesight.engine.trail.idle-timeout", "-00:00:03")]
    [InlineData("CodeSight:Settings:codesight.engine.sinks.file.keep", "none", "codesight.engine.sinks.file.keep", "none")]
    [InlineData("CodeSight:Settings:codesight.hosting.drain-timeout", "soon", "codesight.hosting.drain-timeout", "soon")]
    [InlineData("CodeSight:Hocon", "codesight.engine.sampling { ratio = ", "CodeSight:Hocon", "CodeSight:Hocon:1:37")]
    public async Task ABadValueFailsTheHostStartWithAMessageNamingItsKeyAndValue(string key, string value, string named, string shown)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCodeSight(configuration.GetSection("CodeSight"));
        using var host = builder.Build();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        Assert.Contains(shown, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALedgerInAFolderThatDoesNotExistFailsTheStartNamingThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "codesight-no-such-folder-" + Guid.NewGuid().ToString("N"), "ledger.db");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCodeSight(options =>
        {
            options.Ledger.Enabled = true;
            options.Ledger.Path = missing;
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("codesight.ledger.path", failure.Message, StringComparison.Ordinal);
        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartingTheRuntimeWithoutAHostChecksTheOptionsToo()
    {
        var failure = Assert.Throws<ConfigurationException>(() => CodeSightRuntime.Start(new CodeSightOptions { SamplingRatio = -0.5 }));

        Assert.Contains("CodeSight:SamplingRatio = -0.5", failure.Message, StringComparison.Ordinal);
    }
}
