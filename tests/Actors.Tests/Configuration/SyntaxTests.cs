using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class SyntaxTests
{
    private static Config Parse(string text) => ConfigurationFactory.ParseString(text);

    [Fact]
    public void ReadsARootObjectWithoutBraces()
    {
        var config = Parse("a = 1\nb = two");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("two", config.GetString("b"));
    }

    [Fact]
    public void ReadsARootObjectWithBraces()
    {
        var config = Parse("{ a = 1, b { c = 2 } }");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b.c"));
    }

    [Theory]
    [InlineData("a = 5")]
    [InlineData("a : 5")]
    [InlineData("a=5")]
    [InlineData("a:5")]
    [InlineData("\"a\" = 5")]
    public void AcceptsEqualsOrColonBetweenKeyAndValue(string text) => Assert.Equal(5, Parse(text).GetInt("a"));

    [Fact]
    public void AcceptsNoSeparatorBeforeAnObject()
    {
        var config = Parse("server { port = 8080 }");
        Assert.Equal(8080, config.GetInt("server.port"));
    }

    [Fact]
    public void ExpandsADottedKeyIntoNestedObjects()
    {
        var config = Parse("a.b.c = 1");
        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(["b"], config.GetConfig("a").Keys);
    }

    [Fact]
    public void KeepsAQuotedKeyWithDotsAsOneKey()
    {
        var config = Parse("\"a.b\" = 1");
        Assert.Equal(["a.b"], config.Keys);
        Assert.Equal(1, config.GetInt("\"a.b\""));
        Assert.False(config.HasPath("a.b"));
    }

    [Fact]
    public void JoinsQuotedAndUnquotedPartsOfOneKeySegment()
    {
        var config = Parse("deployment.\"/user/ledger\".mailbox = bounded");
        Assert.Equal("bounded", config.GetString("deployment.\"/user/ledger\".mailbox"));
        Assert.Equal(["/user/ledger"], config.GetConfig("deployment").Keys);
    }

    [Fact]
    public void IgnoresHashAndDoubleSlashComments()
    {
        var config = Parse("# leading\na = 1 # trailing\n// another\nb = 2 // trailing too\n");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(["a", "b"], config.Keys);
    }

    [Fact]
    public void SeparatesFieldsWithCommasOrNewlines()
    {
        var config = Parse("a = 1, b = 2\nc = 3,\nd = 4");
        Assert.Equal([1, 2, 3, 4], new[] { "a", "b", "c", "d" }.Select(k => config.GetInt(k)));
    }

    [Fact]
    public void ReadsAnArrayOnOneLine()
    {
        Assert.Equal(["1", "2", "3"], Parse("a = [1, 2, 3]").GetStringList("a"));
    }

    [Fact]
    public void ReadsAnArrayAcrossLinesWithOrWithoutCommas()
    {
        var config = Parse("a = [\n  one\n  two, # comment\n  \"three\",\n]");
        Assert.Equal(["one", "two", "three"], config.GetStringList("a"));
    }

    [Fact]
    public void ReadsAnEmptyArray()
    {
        Assert.Empty(Parse("a = []").GetStringList("a"));
    }

    [Theory]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("\"line\\nbreak\"", "line\nbreak")]
    [InlineData("\"tab\\there\"", "tab\there")]
    [InlineData("\"\\u00e9t\\u00E9\"", "été")]
    [InlineData("\"sl\\/ash\"", "sl/ash")]
    [InlineData("\"\\b\\f\\r\"", "\b\f\r")]
    public void DecodesJsonEscapesInQuotedStrings(string literal, string expected) =>
        Assert.Equal(expected, Parse("a = " + literal).GetString("a"));

    [Fact]
    public void ReadsATripleQuotedStringAcrossLinesWithoutEscapes()
    {
        var config = Parse("a = \"\"\"first\n  \"second\" \\n\nthird\"\"\"\nb = 1");
        Assert.Equal("first\n  \"second\" \\n\nthird", config.GetString("a"));
        Assert.Equal(1, config.GetInt("b"));
    }

    [Fact]
    public void KeepsExtraQuotesBeforeTheClosingTripleQuoteInTheContent()
    {
        Assert.Equal("x\"", Parse("a = \"\"\"x\"\"\"\"").GetString("a"));
    }

    [Fact]
    public void ConcatenatesUnquotedValuesOnOneLineKeepingInnerWhitespace()
    {
        Assert.Equal("hello world", Parse("a = hello world").GetString("a"));
        Assert.Equal("hello   big world", Parse("a = hello   big world   # comment").GetString("a"));
    }

    [Fact]
    public void ConcatenatesQuotedAndUnquotedParts()
    {
        Assert.Equal("foo bar baz", Parse("a = foo \"bar\" baz").GetString("a"));
        Assert.Equal("foobar", Parse("a = foo\"bar\"").GetString("a"));
    }

    [Fact]
    public void ReadsUnquotedStringsWithSlashesAndDots()
    {
        Assert.Equal("/user/ledger", Parse("a = /user/ledger").GetString("a"));
        Assert.Equal("codesight.actor.x", Parse("a = codesight.actor.x").GetString("a"));
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("0", 0)]
    public void ReadsIntegers(string literal, int expected) => Assert.Equal(expected, Parse("a = " + literal).GetInt("a"));

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("1e3", 1000)]
    [InlineData("2.5E-1", 0.25)]
    public void ReadsDoubles(string literal, double expected) => Assert.Equal(expected, Parse("a = " + literal).GetDouble("a"));

    [Fact]
    public void ReadsLongsBeyondTheIntRange()
    {
        Assert.Equal(9_000_000_000L, Parse("a = 9000000000").GetLong("a"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("\"true\"", true)]
    public void ReadsBooleans(string literal, bool expected) => Assert.Equal(expected, Parse("a = " + literal).GetBoolean("a"));

    [Fact]
    public void TreatsNullAsAbsentForHasPathAndDefaults()
    {
        var config = Parse("a = null");
        Assert.False(config.HasPath("a"));
        Assert.Equal("fallback", config.GetString("a", "fallback"));
        Assert.Contains("is null", Assert.Throws<ConfigurationException>(() => config.GetString("a")).Message);
    }

    [Fact]
    public void KeepsNumbersAsWrittenWhenReadAsStrings()
    {
        Assert.Equal("1.50", Parse("a = 1.50").GetString("a"));
    }

    [Fact]
    public void TreatsIncludeFollowedByEqualsAsAnOrdinaryKey()
    {
        Assert.Equal(3, Parse("include = 3").GetInt("include"));
    }

    [Fact]
    public void ReadsAnEmptyDocumentAsAnEmptyConfig()
    {
        var config = Parse("  # only a comment\n\n");
        Assert.True(config.IsEmpty);
        Assert.Empty(config.Keys);
    }

    [Fact]
    public void ReadsWindowsLineEndings()
    {
        var config = Parse("a = 1\r\nb = two words\r\n");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("two words", config.GetString("b"));
    }

    [Fact]
    public void ReadsNestedArraysOfObjects()
    {
        var config = Parse("a = [{ x = 1 }, { x = 2 }]");
        Assert.Contains("\"x\": 2", config.ToString());
        Assert.Throws<ConfigurationException>(() => config.GetStringList("a"));
    }

    [Fact]
    public void ParsesTheSyntaxTourOfTheDocumentation()
    {
        var config = Parse(""""
            # comments start with # or //
            codesight {                          # the root braces are optional
              actor.ask-timeout = 5s             # a dotted key is nested objects: actor { ask-timeout = 5s }
              actor {                            # no separator is needed before an object...
                default-dispatcher { throughput = 30 }
              }
              actor : { default-mailbox = { type = unbounded } }   # ...but '=' and ':' are accepted
              "key.with.dots" = 1                # a quoted key is one key
              list = [1, 2, 3]                   # arrays; across lines the commas are optional
              more = [
                one
                two
              ]
              greeting = hello world             # unquoted strings; values on one line concatenate: "hello world"
              quoted = "tab\tand \u00e9"         # JSON escapes
              raw = """no \escapes, "quotes",
            and newlines"""                      # triple-quoted strings
              flags = [true, false, yes, off]    # booleans: true/false; GetBoolean also reads yes/no/on/off
              nothing = null
            }
            """");
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("codesight.actor.ask-timeout"));
        Assert.Equal(30, config.GetInt("codesight.actor.default-dispatcher.throughput"));
        Assert.Equal("unbounded", config.GetString("codesight.actor.default-mailbox.type"));
        Assert.Equal(1, config.GetInt("codesight.\"key.with.dots\""));
        Assert.Equal(["one", "two"], config.GetStringList("codesight.more"));
        Assert.Equal("hello world", config.GetString("codesight.greeting"));
        Assert.Equal("tab\tand é", config.GetString("codesight.quoted"));
        Assert.Equal("no \\escapes, \"quotes\",\nand newlines", config.GetString("codesight.raw"));
        Assert.Equal(["true", "false", "yes", "off"], config.GetStringList("codesight.flags"));
        Assert.False(config.HasPath("codesight.nothing"));
    }
}
