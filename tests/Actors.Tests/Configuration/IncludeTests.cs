using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class IncludeTests
{
    [Fact]
    public void IncludesAFileRelativeToTheIncludingFile()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("conf/base.conf", "a = 1\nshared { x = 1 }");
        var main = dir.Write("conf/main.conf", "include \"base.conf\"\nb = 2\nshared { y = 2 }");
        var config = ConfigurationFactory.ParseFile(main);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(1, config.GetInt("shared.x"));
        Assert.Equal(2, config.GetInt("shared.y"));
    }

    [Fact]
    public void LetsFieldsAfterAnIncludeOverrideIt()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("base.conf", "a = 1");
        var main = dir.Write("main.conf", "a = 0\ninclude \"base.conf\"\nb = ${a}\nc = 3\ninclude \"base.conf\"\na = 9");
        var config = ConfigurationFactory.ParseFile(main);
        Assert.Equal(9, config.GetInt("a"));
        Assert.Equal(9, config.GetInt("b"));
    }

    [Fact]
    public void IncludesIntoANestedObject()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("part.conf", "x = 1");
        var main = dir.Write("main.conf", "outer {\n  include \"part.conf\"\n  y = 2\n}");
        var config = ConfigurationFactory.ParseFile(main);
        Assert.Equal(1, config.GetInt("outer.x"));
        Assert.Equal(2, config.GetInt("outer.y"));
    }

    [Fact]
    public void FixesUpSubstitutionsInAFileIncludedInsideAnObject()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("foo.conf", "x = 10\ny = ${x}");
        var main = dir.Write("main.conf", "a { include \"foo.conf\" }\na { x = 42 }");
        var config = ConfigurationFactory.ParseFile(main);
        Assert.Equal(42, config.GetInt("a.y"));
        Assert.False(config.HasPath("x"));
    }

    [Fact]
    public void LetsAFileIncludedInsideAnObjectReferToAbsolutePaths()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("part.conf", "timeout = ${defaults.timeout}");
        var main = dir.Write("main.conf", "defaults.timeout = 3s\nservice { include \"part.conf\" }");
        Assert.Equal(TimeSpan.FromSeconds(3), ConfigurationFactory.ParseFile(main).GetTimeSpan("service.timeout"));
    }

    [Fact]
    public void FollowsIncludesInsideIncludedFilesFromTheirOwnDirectory()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("nested/inner.conf", "deep = yes");
        dir.Write("nested/middle.conf", "include \"inner.conf\"");
        var main = dir.Write("main.conf", "include \"nested/middle.conf\"");
        Assert.True(ConfigurationFactory.ParseFile(main).GetBoolean("deep"));
    }

    [Fact]
    public void IgnoresAPlainIncludeOfAMissingFile()
    {
        using var dir = new TemporaryDirectory();
        var main = dir.Write("main.conf", "include \"absent.conf\"\na = 1");
        Assert.Equal(["a"], ConfigurationFactory.ParseFile(main).Keys);
    }

    [Fact]
    public void AcceptsARequiredIncludeOfAnExistingFile()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("base.conf", "a = 1");
        var main = dir.Write("main.conf", "include required(\"base.conf\")");
        Assert.Equal(1, ConfigurationFactory.ParseFile(main).GetInt("a"));
    }

    [Fact]
    public void AcceptsAFileInclude()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("base.conf", "a = 1");
        var main = dir.Write("main.conf", "include required(file(\"base.conf\"))");
        Assert.Equal(1, ConfigurationFactory.ParseFile(main).GetInt("a"));
    }

    [Fact]
    public void RejectsARequiredIncludeOfAMissingFileAtItsPosition()
    {
        using var dir = new TemporaryDirectory();
        var main = dir.Write("main.conf", "a = 1\n  include required(\"absent.conf\")");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseFile(main));
        Assert.Equal(main, error.Origin);
        Assert.Equal(2, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("absent.conf", error.Message);
    }

    [Fact]
    public void ReportsErrorsInAnIncludedFileWithThatFilesPosition()
    {
        using var dir = new TemporaryDirectory();
        var broken = dir.Write("broken.conf", "ok = 1\nbad = \"open");
        var main = dir.Write("main.conf", "include \"broken.conf\"");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseFile(main));
        Assert.Equal(broken, error.Origin);
        Assert.Equal(2, error.Line);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void RejectsAnIncludeCycle()
    {
        using var dir = new TemporaryDirectory();
        dir.Write("a.conf", "include \"b.conf\"");
        dir.Write("b.conf", "include \"a.conf\"");
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseFile(System.IO.Path.Combine(dir.Path, "a.conf")));
        Assert.Contains("include cycle", error.Message);
    }

    [Fact]
    public void RejectsAMissingFileGivenToParseFile()
    {
        using var dir = new TemporaryDirectory();
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseFile(System.IO.Path.Combine(dir.Path, "none.conf")));
        Assert.Contains("none.conf", error.Message);
    }
}
