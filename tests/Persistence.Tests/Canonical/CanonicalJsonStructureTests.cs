using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using CodeSight.Persistence.Canonical;

namespace CodeSight.Persistence.Tests.Canonical;

public sealed class CanonicalJsonStructureTests
{
    [Fact]
    public void CanonicalisesTheRfcSection322Example()
    {
        // RFC 8785 section 3.2.2: the input with mixed numbers, literals and escapes, and its canonical form.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected =
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27]," +
            "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        Assert.Equal(expected, Text(CanonicalJson.Canonicalize(input)));
    }

    [Fact]
    public void SortsMembersByUtf16CodeUnitsAsInTheRfcSection323Example()
    {
        // RFC 8785 section 3.2.3: names chosen so that UTF-16 order differs from UTF-8 and code point order.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        string[] expectedOrder =
        [
            "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33",
        ];

        using var document = JsonDocument.Parse(CanonicalJson.Canonicalize(input));
        string[] order = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(expectedOrder, order);
    }

    [Fact]
    public void WritesNestedObjectsWithoutWhitespaceAndSortedAtEveryLevel()
    {
        var tree = new Dictionary<string, object?>
        {
            ["b"] = new List<object?> { 3, "x", null, new Dictionary<string, object?> { ["z"] = 1, ["a"] = false } },
            ["a"] = new Dictionary<string, object?> { ["d"] = true, ["c"] = 2.5 },
            ["B"] = "upper",
        };

        Assert.Equal("{\"B\":\"upper\",\"a\":{\"c\":2.5,\"d\":true},\"b\":[3,\"x\",null,{\"a\":false,\"z\":1}]}", Text(CanonicalJson.Serialize(tree)));
    }

    [Fact]
    public void GivesTheSameBytesForAnElementANodeAndAPlainTree()
    {
        const string json = """{"z":[1,2.0,"\u00e9"],"a":{"k":null,"j":true}}""";
        using var document = JsonDocument.Parse(json);
        JsonNode node = JsonNode.Parse(json)!;
        var plain = new Dictionary<string, object?>
        {
            ["a"] = new Dictionary<string, object?> { ["j"] = true, ["k"] = null },
            ["z"] = new object[] { 1, 2.0, "é" },
        };
        var built = new JsonObject { ["z"] = new JsonArray(1, 2.0, "é"), ["a"] = new JsonObject { ["k"] = null, ["j"] = true } };

        byte[] expected = Encoding.UTF8.GetBytes("{\"a\":{\"j\":true,\"k\":null},\"z\":[1,2,\"é\"]}");
        Assert.Equal(expected, CanonicalJson.Serialize(document.RootElement));
        Assert.Equal(expected, CanonicalJson.Serialize(node));
        Assert.Equal(expected, CanonicalJson.Serialize((object)plain));
        Assert.Equal(expected, CanonicalJson.Serialize(built));
    }

    [Theory]
    [InlineData("\u0000", "\"\\u0000\"")]
    [InlineData("\u001f", "\"\\u001f\"")]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\"\\", "\"\\\"\\\\\"")]
    [InlineData("/", "\"/\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    [InlineData("<>&'", "\"<>&'\"")]
    [InlineData("\u00e9\u4e2d\ud83d\ude00", "\"\u00e9\u4e2d\ud83d\ude00\"")]
    public void EscapesOnlyWhatJcsEscapes(string value, string expected)
    {
        Assert.Equal(Encoding.UTF8.GetBytes(expected), CanonicalJson.Serialize(value));
    }

    [Fact]
    public void WritesNonAsciiAsRawUtf8()
    {
        Assert.Equal(new byte[] { 0x22, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x22 }, CanonicalJson.Serialize("\u20ac\ud83d\ude00"));
    }

    [Fact]
    public void RejectsALoneSurrogateNamingTheMember()
    {
        var tree = new Dictionary<string, object?> { ["note"] = "ok\ud800" };

        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(tree));

        Assert.Equal("$.note", error.Path);
        Assert.Contains("U+D800", error.Problem, StringComparison.Ordinal);
        Assert.Contains("index 2", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsALoneSurrogateInAMemberName()
    {
        var tree = new Dictionary<string, object?> { ["\udc00x"] = 1 };

        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(tree));
    }

    [Fact]
    public void RejectsDuplicateMemberNamesInParsedJson()
    {
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize("""{"a":{"x":1,"x":2}}"""));

        Assert.Equal("$.a.x", error.Path);
        Assert.Contains("twice", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsDictionariesWithNonStringKeys()
    {
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(new Dictionary<int, string> { [1] = "one" }));

        Assert.Contains("Int32", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsUnsupportedTypesByName()
    {
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(new Dictionary<string, object?> { ["when"] = DateTime.UnixEpoch }));

        Assert.Equal("$.when", error.Path);
        Assert.Contains("System.DateTime", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsACyclicGraphInsteadOfOverflowingTheStack()
    {
        var list = new List<object?>();
        list.Add(list);

        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(list));

        Assert.Contains("deeper than 128", error.Problem, StringComparison.Ordinal);
        Assert.StartsWith("$[0][0]", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotesMemberNamesThatAreNotIdentifiersInPaths()
    {
        var tree = new Dictionary<string, object?> { ["odd key"] = new[] { double.NaN } };

        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(tree));

        Assert.Equal("$[\"odd key\"][0]", error.Path);
    }

    [Fact]
    public void WritesTopLevelLiterals()
    {
        Assert.Equal("null", Text(CanonicalJson.Serialize((object?)null)));
        Assert.Equal("true", Text(CanonicalJson.Serialize(true)));
        Assert.Equal("[]", Text(CanonicalJson.Serialize(Array.Empty<int>())));
        Assert.Equal("{}", Text(CanonicalJson.Serialize(new Dictionary<string, object?>())));
        Assert.Equal("\"c\"", Text(CanonicalJson.Serialize('c')));
    }

    [Fact]
    public void CanonicalFormIsAFixedPoint()
    {
        const string json = """{"b":[1e21,1e-7,"\u001f"],"a":{"\u00e9":0.1,"A":-0}}""";
        byte[] once = CanonicalJson.Canonicalize(json);
        byte[] twice = CanonicalJson.Canonicalize(Encoding.UTF8.GetString(once));

        Assert.Equal(once, twice);
    }

    [Fact]
    public void ChecksIntegersHeldByJsonNodesLikePlainIntegers()
    {
        var node = new JsonObject { ["ok"] = 1L << 53, ["n"] = 9007199254740993L };

        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(node));

        Assert.Equal("$.n", error.Path);
    }

    [Fact]
    public void RejectsNanHeldByAJsonNode()
    {
        var node = new JsonArray(1.5, JsonValue.Create(double.NaN));

        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(node));

        Assert.Equal("$[1]", error.Path);
    }

    [Fact]
    public void WriteAppendsToTheGivenBufferWriter()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        System.Buffers.BuffersExtensions.Write(output, "prefix:"u8);

        CanonicalJson.Write(new Dictionary<string, object?> { ["b"] = 1, ["a"] = 2 }, output);

        Assert.Equal("prefix:{\"a\":2,\"b\":1}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
