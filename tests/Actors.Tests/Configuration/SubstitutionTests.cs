using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class SubstitutionTests
{
    private static Config Parse(string text) => ConfigurationFactory.ParseString(text);

    private static string UniqueVariable() => "CODESIGHT_HOCON_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    [Fact]
    public void ReplacesASubstitutionWithTheValueAtItsPath()
    {
        Assert.Equal(10, Parse("a = 10\nb = ${a}").GetInt("b"));
    }

    [Fact]
    public void ResolvesForwardReferences()
    {
        Assert.Equal("late", Parse("b = ${a}\na = late").GetString("b"));
    }

    [Fact]
    public void ResolvesDottedAndQuotedPaths()
    {
        var config = Parse("x { \"a.b\" { c = 3 } }\ny = ${x.\"a.b\".c}");
        Assert.Equal(3, config.GetInt("y"));
    }

    [Fact]
    public void ResolvesChainsOfSubstitutions()
    {
        Assert.Equal(1, Parse("a = ${b}\nb = ${c}\nc = 1").GetInt("a"));
    }

    [Fact]
    public void SubstitutesWholeObjects()
    {
        var config = Parse("defaults { x = 1, y = 2 }\nmine = ${defaults}");
        Assert.Equal(2, config.GetInt("mine.y"));
    }

    [Fact]
    public void MergesAnObjectWrittenAfterASubstitutedObject()
    {
        var config = Parse("defaults { x = 1, y = 2 }\nmine = ${defaults} { y = 3 }");
        Assert.Equal(1, config.GetInt("mine.x"));
        Assert.Equal(3, config.GetInt("mine.y"));
    }

    [Fact]
    public void MergesARepeatedObjectKeyOverASubstitutedObject()
    {
        var config = Parse("defaults { x = 1, y = 2 }\nmine = ${defaults}\nmine { y = 3 }");
        Assert.Equal(1, config.GetInt("mine.x"));
        Assert.Equal(3, config.GetInt("mine.y"));
    }

    [Fact]
    public void ConcatenatesSubstitutedArrays()
    {
        Assert.Equal(["1", "2", "3"], Parse("a = [1, 2]\nb = ${a} [3]").GetStringList("b"));
    }

    [Fact]
    public void ConcatenatesASubstitutionIntoAString()
    {
        Assert.Equal("http://host:8080/api", Parse("host = host\nport = 8080\nurl = \"http://\"${host}\":\"${port}/api").GetString("url"));
        Assert.Equal("host is up", Parse("host = host\ns = ${host} is up").GetString("s"));
    }

    [Fact]
    public void ReadsTheEarlierValueOnASelfReference()
    {
        Assert.Equal("/usr/bin:/opt/bin", Parse("path = /usr/bin\npath = ${path}\":/opt/bin\"").GetString("path"));
    }

    [Fact]
    public void FallsBackToAnEnvironmentVariableWhenThePathIsAbsent()
    {
        var name = UniqueVariable();
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-env", Parse($"a = ${{{name}}}").GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void PrefersTheConfigurationOverAnEnvironmentVariable()
    {
        var name = UniqueVariable();
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-config", Parse($"{name} = from-config\na = ${{{name}}}").GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void OverridesADefaultWithAnOptionalEnvironmentVariable()
    {
        var name = UniqueVariable();
        var text = $"a = 1\na = ${{?{name}}}";
        Assert.Equal(1, Parse(text).GetInt("a"));
        Environment.SetEnvironmentVariable(name, "2");
        try
        {
            Assert.Equal(2, Parse(text).GetInt("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void RemovesAFieldWhoseOptionalSubstitutionResolvesToNothing()
    {
        var config = Parse($"a = ${{?{UniqueVariable()}}}\nb = 1");
        Assert.False(config.HasPath("a"));
        Assert.Equal(["b"], config.Keys);
    }

    [Fact]
    public void DropsArrayElementsWhoseOptionalSubstitutionResolvesToNothing()
    {
        Assert.Equal(["1", "2"], Parse($"a = [1, ${{?{UniqueVariable()}}}, 2]").GetStringList("a"));
    }

    [Fact]
    public void FallsBackToTheEnvironmentForAFieldSetOnlyByAnAbsentOptionalSubstitution()
    {
        var name = UniqueVariable();
        var config = Parse($"{name} = ${{?{UniqueVariable()}}}\nb = ${{{name}}}");
        Environment.SetEnvironmentVariable(name, "env");
        try
        {
            Assert.Equal("env", config.GetString("b"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void TreatsAnEmptyEnvironmentVariableAsAbsent()
    {
        var name = UniqueVariable();
        Environment.SetEnvironmentVariable(name, "");
        Assert.False(Parse($"a = ${{?{name}}}").HasPath("a"));
    }

    [Fact]
    public void ResolvesASubstitutionToNullWhenThePathHoldsNull()
    {
        var config = Parse("a = null\nb = ${a}");
        Assert.False(config.HasPath("b"));
        Assert.Equal("d", config.GetString("b", "d"));
    }

    [Fact]
    public void ReportsAnUnresolvableSubstitutionWithItsPosition()
    {
        var name = UniqueVariable();
        var error = Assert.Throws<ConfigurationException>(
            () => ConfigurationFactory.ParseString($"a = 1\nb = x ${{{name}}}", "app.conf").Resolve());
        Assert.Equal("app.conf", error.Origin);
        Assert.Equal(2, error.Line);
        Assert.Equal(7, error.Column);
        Assert.StartsWith($"app.conf:2:7: could not resolve substitution ${{{name}}}", error.Message);
    }

    [Fact]
    public void ReportsACycleWithThePathsInvolved()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("a = ${b}\nb = ${c}\nc = ${a}").Resolve());
        Assert.Contains("cycle", error.Message);
        Assert.Contains("${b} -> ${c} -> ${a}", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void ReportsASubstitutionOfItselfWithNoEarlierValueAsACycle()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("a = ${a}").Resolve());
        Assert.Contains("cycle", error.Message);
        Assert.Equal(1, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void ReportsAnObjectConcatenatedWithAString()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("o { x = 1 }\na = ${o} text").Resolve());
        Assert.Contains("cannot concatenate an object", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void ResolvesLazilyOnTheFirstGetter()
    {
        var config = Parse("a = ${missing.path.for.test}\nb = 1");
        Assert.Throws<ConfigurationException>(() => config.GetInt("b"));
    }

    [Fact]
    public void LeavesSubstitutionsInToStringBeforeResolution()
    {
        var config = Parse("a = 1\nb = ${a}");
        Assert.Contains("${a}", config.ToString());
        Assert.DoesNotContain("${a}", config.Resolve().ToString());
    }
}
