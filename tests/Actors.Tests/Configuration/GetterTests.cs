using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class GetterTests
{
    private static Config Parse(string text) => ConfigurationFactory.ParseString(text, "app.conf");

    [Fact]
    public void NamesTheMissingPath()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("a { b = 1 }").GetString("a.c"));
        Assert.Equal("missing configuration path 'a.c'", error.Message);
        Assert.Null(error.Origin);
        Assert.Equal(0, error.Line);
    }

    [Fact]
    public void ReportsANonNumberReadAsAnIntWithPathValueAndPosition()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("x {\n  n = abc\n}").GetInt("x.n"));
        Assert.Equal("app.conf:2:7: 'x.n' = \"abc\" is not valid: expected a whole number between -2147483648 and 2147483647", error.Message);
    }

    [Theory]
    [InlineData("3000000000")]
    [InlineData("1.5")]
    public void RejectsNumbersThatDoNotFitAnInt(string literal)
    {
        Assert.Throws<ConfigurationException>(() => Parse("n = " + literal).GetInt("n"));
    }

    [Fact]
    public void RejectsANonNumberReadAsADouble()
    {
        Assert.Contains("expected a number", Assert.Throws<ConfigurationException>(() => Parse("n = abc").GetDouble("n")).Message);
    }

    [Fact]
    public void RejectsAWordThatIsNotABoolean()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("flag = maybe").GetBoolean("flag"));
        Assert.Contains("'flag' = \"maybe\"", error.Message);
        Assert.Contains("true, false, yes, no, on or off", error.Message);
    }

    [Fact]
    public void RejectsAnObjectReadAsAString()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("a { b = 1 }").GetString("a"));
        Assert.Equal("app.conf:1:3: 'a' is an object but a string was expected", error.Message);
    }

    [Fact]
    public void RejectsAScalarReadAsAList()
    {
        Assert.Contains("an array was expected", Assert.Throws<ConfigurationException>(() => Parse("a = 1").GetStringList("a")).Message);
    }

    [Fact]
    public void ReadsStringListsOfMixedScalars()
    {
        Assert.Equal(["x", "2", "true"], Parse("a = [x, 2, true]").GetStringList("a"));
    }

    [Fact]
    public void ReturnsDefaultsForMissingPaths()
    {
        var config = Parse("present = 1");
        Assert.Equal("d", config.GetString("absent", "d"));
        Assert.Equal(4, config.GetInt("absent", 4));
        Assert.Equal(5L, config.GetLong("absent", 5L));
        Assert.Equal(0.5, config.GetDouble("absent", 0.5));
        Assert.True(config.GetBoolean("absent", true));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("absent", TimeSpan.FromSeconds(1)));
        Assert.Equal(64L, config.GetByteSize("absent", 64L));
        Assert.Equal(["z"], config.GetStringList("absent", ["z"]));
        Assert.Equal(1, config.GetInt("present", 9));
    }

    [Fact]
    public void StillRejectsABadValueWhenADefaultIsGiven()
    {
        Assert.Throws<ConfigurationException>(() => Parse("n = abc").GetInt("n", 3));
    }

    [Fact]
    public void ReturnsTheSubTreeAsAConfig()
    {
        var config = Parse("a { b { c = 1, d = 2 } }");
        var sub = config.GetConfig("a.b");
        Assert.Equal(1, sub.GetInt("c"));
        Assert.Equal(["c", "d"], sub.Keys);
    }

    [Fact]
    public void ReturnsEmptyForAnAbsentSubTree()
    {
        var sub = Parse("a = 1").GetConfig("x.y");
        Assert.True(sub.IsEmpty);
        Assert.Same(Config.Empty, sub);
    }

    [Fact]
    public void RejectsAScalarReadAsASubTree()
    {
        Assert.Contains("an object was expected", Assert.Throws<ConfigurationException>(() => Parse("a = 1").GetConfig("a")).Message);
    }

    [Fact]
    public void HasPathSeesObjectsAndScalarsButNotMissingPaths()
    {
        var config = Parse("a { b = 1, e {} }");
        Assert.True(config.HasPath("a"));
        Assert.True(config.HasPath("a.b"));
        Assert.True(config.HasPath("a.e"));
        Assert.False(config.HasPath("a.c"));
        Assert.False(config.HasPath("a.b.c"));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("")]
    [InlineData("a.")]
    [InlineData("a b")]
    public void RejectsMalformedPaths(string path)
    {
        Assert.Contains("invalid path", Assert.Throws<ConfigurationException>(() => Parse("a = 1").HasPath(path)).Message);
    }

    [Fact]
    public void RendersATreeThatParsesBackToTheSameValues()
    {
        var original = Parse("a { b = \"x \\\"y\\\"\", n = 1.5, flag = true, nothing = null }\nlist = [1, two]\n\"dotted.key\" = 3");
        var text = original.ToString();
        var copy = ConfigurationFactory.ParseString(text);
        Assert.Equal("x \"y\"", copy.GetString("a.b"));
        Assert.Equal(1.5, copy.GetDouble("a.n"));
        Assert.True(copy.GetBoolean("a.flag"));
        Assert.False(copy.HasPath("a.nothing"));
        Assert.Equal(["1", "two"], copy.GetStringList("list"));
        Assert.Equal(3, copy.GetInt("\"dotted.key\""));
        Assert.Equal(text, copy.ToString());
    }

    [Fact]
    public void AnswersConcurrentReadersWithTheSameValues()
    {
        var config = Parse("a = ${b}\nb = 42");
        var results = new int[64];
        Parallel.For(0, results.Length, i => results[i] = config.GetInt("a"));
        Assert.All(results, r => Assert.Equal(42, r));
    }

    [Fact]
    public void ReportsEmptinessOfTheRoot()
    {
        Assert.True(Config.Empty.IsEmpty);
        Assert.False(Parse("a = 1").IsEmpty);
    }
}
