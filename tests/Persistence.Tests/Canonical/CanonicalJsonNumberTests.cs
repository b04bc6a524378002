using System.Text;
using Xunit;
using CodeSight.Persistence.Canonical;

namespace CodeSight.Persistence.Tests.Canonical;

public sealed class CanonicalJsonNumberTests
{
    // The IEEE 754 bit patterns and expected texts of RFC 8785 Appendix B.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void WritesTheRfcAppendixBNumbersExactly(ulong bits, string expected)
    {
        double value = BitConverter.UInt64BitsToDouble(bits);
        Assert.Equal(expected, Text(CanonicalJson.Serialize(value)));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.1, "0.1")]
    [InlineData(-1.25, "-1.25")]
    [InlineData(100d, "100")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(-1e-300, "-1e-300")]
    [InlineData(4.35, "4.35")]
    [InlineData(0.000123, "0.000123")]
    public void SwitchesToExponentFormAtTheEcmaScriptThresholds(double value, string expected)
    {
        Assert.Equal(expected, Text(CanonicalJson.Serialize(value)));
    }

    [Fact]
    public void WritesNegativeZeroAsZero()
    {
        Assert.Equal("0", Text(CanonicalJson.Serialize(-0.0d)));
        Assert.Equal("[0]", Text(CanonicalJson.Canonicalize("[-0]")));
    }

    [Fact]
    public void ReadsNumbersFromJsonTextAsDoubles()
    {
        Assert.Equal("[1,10,1e+30,0.5,100]", Text(CanonicalJson.Canonicalize("[1.0, 1E1, 1000000000000000000000000000000, 5e-1, 1.00e2]")));
    }

    [Fact]
    public void RejectsNanWithThePathOfTheValue()
    {
        var tree = new Dictionary<string, object?> { ["probes"] = new object?[] { 1, new Dictionary<string, object?> { ["score"] = double.NaN } } };

        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(tree));

        Assert.Equal("$.probes[1].score", error.Path);
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.probes[1].score", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void RejectsInfinities(double value, string named)
    {
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(new[] { value }));

        Assert.Equal("$[0]", error.Path);
        Assert.Contains(named, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsANumberLiteralBeyondTheDoubleRange()
    {
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize("{\"big\":1e400}"));

        Assert.Equal("$.big", error.Path);
    }

    [Fact]
    public void WritesIntegersExactlyAndRejectsThoseADoubleCannotHold()
    {
        Assert.Equal("9007199254740992", Text(CanonicalJson.Serialize(9007199254740992L)));
        // 2^60 is exact as a double; ECMAScript prints its shortest round-trip digits, as JavaScript would.
        Assert.Equal("1152921504606847000", Text(CanonicalJson.Serialize(1L << 60)));
        Assert.Equal("-42", Text(CanonicalJson.Serialize((short)-42)));
        Assert.Equal("255", Text(CanonicalJson.Serialize((byte)255)));

        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(new Dictionary<string, object?> { ["n"] = 9007199254740993L }));

        Assert.Equal("$.n", error.Path);
        Assert.Contains("9007199254740993", error.Problem, StringComparison.Ordinal);
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(ulong.MaxValue));
    }

    [Fact]
    public void WritesFloatsAndDecimalsThroughTheirDoubleValue()
    {
        Assert.Equal("0.5", Text(CanonicalJson.Serialize(0.5f)));
        Assert.Equal("0.10000000149011612", Text(CanonicalJson.Serialize(0.1f)));
        Assert.Equal("12.25", Text(CanonicalJson.Serialize(12.25m)));
    }

    [Fact]
    public void RoundTripsRandomDoublesThroughTheirCanonicalText()
    {
        var random = new Random(8785);
        Span<byte> bits = stackalloc byte[8];
        for (int i = 0; i < 20_000; i++)
        {
            random.NextBytes(bits);
            double value = BitConverter.ToDouble(bits);
            if (!double.IsFinite(value))
            {
                continue;
            }

            string text = Text(CanonicalJson.Serialize(value));
            double parsed = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(parsed == value, $"{text} does not round-trip to {value:R}");
            Assert.DoesNotContain("E", text, StringComparison.Ordinal);
            Assert.False(text.EndsWith(".0", StringComparison.Ordinal) || text.Contains("e+0", StringComparison.Ordinal), text);
        }
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
