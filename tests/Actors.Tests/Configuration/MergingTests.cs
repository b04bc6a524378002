using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class MergingTests
{
    private static Config Parse(string text) => ConfigurationFactory.ParseString(text);

    [Fact]
    public void MergesRepeatedObjectKeys()
    {
        var config = Parse("a { x = 1, y = 2 }\na { y = 3, z = 4 }");
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(3, config.GetInt("a.y"));
        Assert.Equal(4, config.GetInt("a.z"));
    }

    [Fact]
    public void MergesDottedKeysIntoAnExistingObject()
    {
        var config = Parse("a { x = 1 }\na.y = 2\na.x = 5");
        Assert.Equal(5, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void LetsTheLaterScalarWin()
    {
        Assert.Equal(2, Parse("a = 1\na = 2").GetInt("a"));
    }

    [Fact]
    public void LetsAScalarReplaceAnObject()
    {
        var config = Parse("a { x = 1 }\na = 7");
        Assert.Equal(7, config.GetInt("a"));
        Assert.False(config.HasPath("a.x"));
    }

    [Fact]
    public void LetsAnObjectReplaceAScalar()
    {
        var config = Parse("a = 7\na { x = 1 }");
        Assert.Equal(1, config.GetInt("a.x"));
    }

    [Fact]
    public void ClearsAnObjectWithNullBeforeSettingItAgain()
    {
        var config = Parse("a { x = 1 }\na = null\na { y = 2 }");
        Assert.False(config.HasPath("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void LetsALaterArrayReplaceAnEarlierOne()
    {
        Assert.Equal(["3"], Parse("a = [1, 2]\na = [3]").GetStringList("a"));
    }

    [Fact]
    public void KeepsFirstInsertionOrderOfKeys()
    {
        Assert.Equal(["b", "a", "c"], Parse("b = 1\na = 2\nb = 3\nc = 4").Keys);
    }

    [Fact]
    public void AppendsToAnArrayWithPlusEquals()
    {
        Assert.Equal(["1", "2", "3"], Parse("a = [1, 2]\na += 3").GetStringList("a"));
    }

    [Fact]
    public void StartsANewArrayWithPlusEqualsWhenTheFieldIsAbsent()
    {
        Assert.Equal(["x"], Parse("a += x").GetStringList("a"));
    }
}
