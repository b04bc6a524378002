using CodeSight.Actors.Configuration;
using Xunit;

namespace CodeSight.Actors.Tests.Configuration;

public sealed class ParseErrorTests
{
    private static ConfigurationException Fail(string text) =>
        Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString(text, "test.conf"));

    private static void AssertAt(ConfigurationException error, int line, int column, string reason)
    {
        Assert.Equal("test.conf", error.Origin);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"test.conf:{line}:{column}: ", error.Message);
    }

    [Fact]
    public void ReportsAnUnterminatedStringAtItsOpeningQuote() =>
        AssertAt(Fail("a = 1\nb = \"abc"), 2, 5, "unterminated quoted string");

    [Fact]
    public void ReportsAStringBrokenByANewline() =>
        AssertAt(Fail("a = \"abc\ndef\""), 1, 5, "unterminated quoted string");

    [Fact]
    public void ReportsAnUnterminatedTripleQuotedString() =>
        AssertAt(Fail("x = 1\n  a = \"\"\"abc\n"), 2, 7, "unterminated triple-quoted string");

    [Fact]
    public void ReportsAMissingValueAtTheEndOfTheLine() =>
        AssertAt(Fail("a = \nb = 1"), 1, 5, "expected a value for 'a' but found the end of the line");

    [Fact]
    public void ReportsAMissingValueAtTheEndOfTheInput() =>
        AssertAt(Fail("a.b ="), 1, 6, "expected a value for 'a.b' but found the end of the input");

    [Fact]
    public void ReportsAMissingValueBeforeAComma() =>
        AssertAt(Fail("a = , b = 1"), 1, 5, "expected a value for 'a' but found ','");

    [Fact]
    public void ReportsAClosingBraceWithNoOpenObject() =>
        AssertAt(Fail("a = 1\n}"), 2, 1, "unexpected '}' with no object open");

    [Fact]
    public void ReportsAnExtraClosingBraceAfterANestedObject() =>
        AssertAt(Fail("a { b = 1 }}"), 1, 12, "unexpected '}' with no object open");

    [Fact]
    public void ReportsTextAfterABracedRoot() =>
        AssertAt(Fail("{ a = 1 } }"), 1, 11, "after the closing '}' of the root object");

    [Fact]
    public void ReportsAnUnterminatedObjectAtTheEndAndNamesTheOpeningBrace() =>
        AssertAt(Fail("a {\n  b = 1\n"), 3, 1, "expected '}' to close the '{' at line 1, column 3");

    [Fact]
    public void ReportsAnUnterminatedArray() =>
        AssertAt(Fail("a = [1, 2"), 1, 10, "expected ']' to close the '[' at line 1, column 5");

    [Fact]
    public void ReportsAMissingSeparatorInsideAnArray() =>
        AssertAt(Fail("a = [1 }"), 1, 8, "expected ',', a newline or ']' after array element 0 but found '}'");

    [Fact]
    public void ReportsAKeyWithoutASeparator() =>
        AssertAt(Fail("a b"), 1, 3, "expected '=', ':' or '{' after the key 'a' but found 'b'");

    [Fact]
    public void ReportsAReservedCharacterInAValue() =>
        AssertAt(Fail("a = 1 b = 2"), 1, 9, "unexpected '=' in a value");

    [Fact]
    public void ReportsAMissingKey() =>
        AssertAt(Fail("a = 1\n= 2"), 2, 1, "expected a key but found '='");

    [Fact]
    public void ReportsAnEmptyKeySegment() =>
        AssertAt(Fail("a..b = 1"), 1, 3, "empty key segment");

    [Fact]
    public void ReportsAKeyEndingWithADot() =>
        AssertAt(Fail("a. = 1"), 1, 3, "a key cannot end with '.'");

    [Fact]
    public void ReportsAnInvalidEscape() =>
        AssertAt(Fail("a = \"x\\qy\""), 1, 7, "invalid escape '\\q'");

    [Fact]
    public void ReportsAShortUnicodeEscape() =>
        AssertAt(Fail("a = \"\\u12\""), 1, 6, "invalid \\u escape");

    [Fact]
    public void ReportsAnUnterminatedSubstitution() =>
        AssertAt(Fail("a = ${b.c\n"), 1, 5, "unterminated substitution");

    [Fact]
    public void ReportsADollarThatDoesNotStartASubstitution() =>
        AssertAt(Fail("a = $b"), 1, 5, "'$' must start a substitution");

    [Fact]
    public void ReportsAnEmptySubstitutionPath() =>
        AssertAt(Fail("a = ${}"), 1, 5, "invalid path ''");

    [Fact]
    public void ReportsAnUnsupportedIncludeKind() =>
        AssertAt(Fail("include url(\"http://example.com/x.conf\")"), 1, 9, "not supported");

    [Fact]
    public void UsesAStringLabelWhenNoOriginIsGiven()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString("a = \"x"));
        Assert.Equal("<string>:1:5: unterminated quoted string: no closing '\"' on the same line", error.Message);
    }
}
