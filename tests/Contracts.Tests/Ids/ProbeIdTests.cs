using System.Collections.Concurrent;
using CodeSight.Contracts.Ids;

namespace CodeSight.Contracts.Tests.Ids;

public sealed class ProbeIdTests
{
    [Fact]
    public void FormatsAs16LowercaseHexCharsInBigEndianOrder()
    {
        var id = new ProbeId(0x00f067aa0ba902b7UL);

        Assert.Equal("00f067aa0ba902b7", id.ToString());
        Assert.Equal(Convert.FromHexString("00f067aa0ba902b7"), id.ToByteArray());
        Assert.Equal(id, new ProbeId(id.ToByteArray()));
    }

    [Fact]
    public void ParsesWhatItFormats()
    {
        var id = ProbeId.New();

        Assert.Equal(id, ProbeId.Parse(id.ToString()));
        Assert.True(ProbeId.TryParse("00f067aa0ba902b7"u8, out var fromUtf8));
        Assert.Equal(0x00f067aa0ba902b7UL, fromUtf8.Value);
    }

    [Theory]
    [InlineData("00f067aa0ba902b", "has 15")]
    [InlineData("00f067aa0ba902b7a", "has 17")]
    [InlineData("00f067aa0ba9x2b7", "'x' at index 12")]
    [InlineData("00F067AA0BA902B7", "'F' at index 2")]
    [InlineData("0000000000000000", "all zeros")]
    public void RejectsBadTextNamingTheTextAndPosition(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ProbeId.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.False(ProbeId.TryParse(text, out _));
    }

    [Fact]
    public void NamesANonPrintableCharByItsCodePoint()
    {
        var error = Assert.Throws<FormatException>(() => ProbeId.Parse("00f067aa0ba902b\u2028"));

        Assert.Contains("U+2028 at index 15", error.Message);
    }

    [Fact]
    public void MintsDistinctNonZeroIdsUnderContention()
    {
        var seen = new ConcurrentDictionary<ProbeId, byte>();
        var duplicates = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var id = ProbeId.New();
                if (id.IsEmpty || !seen.TryAdd(id, 0))
                {
                    Interlocked.Increment(ref duplicates);
                }
            }
        });

        Assert.Equal(0, duplicates);
    }

    [Fact]
    public void ComparesAsUnsignedNumbers()
    {
        var small = new ProbeId(1);
        var large = new ProbeId(0x8000000000000000UL);

        Assert.True(small < large);
        Assert.True(large.CompareTo(small) > 0);
        Assert.Equal(1, ((IComparable)small).CompareTo(null));
    }
}
