using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class FallbackTests
{
    private static Config Parse(string text) => ConfigurationFactory.ParseString(text);

    [Fact]
    public void PrefersThisConfigOverItsFallback()
    {
        var config = Parse("a = 1").WithFallback(Parse("a = 2\nb = 3"));
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(3, config.GetInt("b"));
    }

    [Fact]
    public void MergesObjectsDeeplyAcrossFallbacks()
    {
        var config = Parse("x.y { a = 1 }").WithFallback(Parse("x.y { a = 0, b = 2 }\nx.z = 3"));
        Assert.Equal(1, config.GetInt("x.y.a"));
        Assert.Equal(2, config.GetInt("x.y.b"));
        Assert.Equal(3, config.GetInt("x.z"));
    }

    [Fact]
    public void LeavesBothInputsUnchanged()
    {
        var user = Parse("x { a = 1 }");
        var fallback = Parse("x { b = 2 }");
        _ = user.WithFallback(fallback).GetInt("x.b");
        Assert.False(user.HasPath("x.b"));
        Assert.False(fallback.HasPath("x.a"));
    }

    [Fact]
    public void LetsANonObjectHideObjectsFurtherDownTheChain()
    {
        // HOCON merges in pairs: 42 meets { y = 2 } first and wins, so { x = 1 } over 42 stays as it is.
        var config = Parse("a { x = 1 }").WithFallback(Parse("a = 42")).WithFallback(Parse("a { y = 2 }"));
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.False(config.HasPath("a.y"));
    }

    [Fact]
    public void MergesAdjacentObjectsBeforeANonObjectFurtherDown()
    {
        var config = Parse("a { x = 1 }").WithFallback(Parse("a { y = 2 }")).WithFallback(Parse("a = 42"));
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void ClearsAFallbackObjectWithNullFollowedByANewObject()
    {
        var config = Parse("a = null\na { y = 2 }").WithFallback(Parse("a { x = 1 }"));
        Assert.False(config.HasPath("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void ResolvesSubstitutionsAgainstTheMergedTree()
    {
        var user = Parse("timeout = ${defaults.timeout}");
        var config = user.WithFallback(Parse("defaults.timeout = 5s")).Resolve();
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("timeout"));
    }

    [Fact]
    public void ResolvesFallbackSubstitutionsToTheUsersOverride()
    {
        var reference = Parse("base = 1\nderived = ${base}");
        var config = Parse("base = 2").WithFallback(reference);
        Assert.Equal(2, config.GetInt("derived"));
    }

    [Fact]
    public void KeepsTheFallbackValueWhenAnOptionalSubstitutionFindsNothing()
    {
        var absent = "CODESIGHT_HOCON_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        var config = Parse($"a = ${{?{absent}}}").WithFallback(Parse("a = 1"));
        Assert.Equal(1, config.GetInt("a"));
    }

    [Fact]
    public void ReadsTheFallbackValueOnASelfReference()
    {
        var config = Parse("path = ${path} [\"/opt/bin\"]").WithFallback(Parse("path = [\"/usr/bin\"]"));
        Assert.Equal(["/usr/bin", "/opt/bin"], config.GetStringList("path"));
    }

    [Fact]
    public void MergesAUserObjectOverAFallbackSubstitution()
    {
        var config = Parse("b { y = 2 }").WithFallback(Parse("a { x = 1 }\nb = ${a}"));
        Assert.Equal(1, config.GetInt("b.x"));
        Assert.Equal(2, config.GetInt("b.y"));
    }

    [Fact]
    public void ReturnsTheOtherSideWhenOneSideIsEmpty()
    {
        var config = Parse("a = 1");
        Assert.Same(config, config.WithFallback(Config.Empty));
        Assert.Same(config, Config.Empty.WithFallback(config));
    }
}
