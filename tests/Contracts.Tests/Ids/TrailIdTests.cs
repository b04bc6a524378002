using System.Collections.Concurrent;
using CodeSight.Contracts.Ids;

namespace CodeSight.Contracts.Tests.Ids;

public sealed class TrailIdTests
{
    [Fact]
    public void FormatsAs32LowercaseHexCharsInBigEndianOrder()
    {
        var id = new TrailId(0x0123456789abcdefUL, 0xfedcba9876543210UL);

        Assert.Equal("0123456789abcdeffedcba9876543210", id.ToString());
        Assert.Equal(Convert.FromHexString("0123456789abcdeffedcba9876543210"), id.ToByteArray());
    }

    [Fact]
    public void ParsesWhatItFormats()
    {
        var id = TrailId.New();

        Assert.Equal(id, TrailId.Parse(id.ToString()));
        Assert.True(TrailId.TryParse(id.ToString(), out var again));
        Assert.Equal(id, again);
    }

    [Fact]
    public void RoundTripsThroughItsBytes()
    {
        var id = TrailId.New();

        Assert.Equal(id, new TrailId(id.ToByteArray()));
    }

    [Fact]
    public void FormatsIntoSpansWithoutAllocating()
    {
        var id = TrailId.Parse("4bf92f3577b34da6a3ce929d0e0e4736");
        Span<char> chars = stackalloc char[32];
        Span<byte> utf8 = stackalloc byte[32];
        id.TryFormat(chars, out _);
        id.TryFormat(utf8, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var charsOk = id.TryFormat(chars, out var charCount);
        var bytesOk = id.TryFormat(utf8, out var byteCount);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(charsOk && bytesOk);
        Assert.Equal(32, charCount);
        Assert.Equal(32, byteCount);
        Assert.Equal(0, allocated);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", chars.ToString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736"u8.ToArray(), utf8.ToArray());
    }

    [Fact]
    public void RefusesToFormatIntoAShortSpan()
    {
        Span<char> chars = stackalloc char[31];

        Assert.False(TrailId.New().TryFormat(chars, out var written));
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473", "has 31")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e47366", "has 33")]
    [InlineData("4bf92f3577b34da6a3ce929d0e0e473g", "'g' at index 31")]
    [InlineData("4BF92F3577B34DA6A3CE929D0E0E4736", "'B' at index 1")]
    [InlineData("4bf92f3577b34da6 3ce929d0e0e4736", "' ' at index 16")]
    [InlineData("00000000000000000000000000000000", "all zeros")]
    public void RejectsBadTextNamingTheTextAndPosition(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TrailId.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.Contains(text, error.Message);
        Assert.False(TrailId.TryParse(text, out _));
    }

    [Fact]
    public void MintsDistinctNonZeroIdsUnderContention()
    {
        var seen = new ConcurrentDictionary<TrailId, byte>();
        var duplicates = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var id = TrailId.New();
                if (id.IsEmpty || !seen.TryAdd(id, 0))
                {
                    Interlocked.Increment(ref duplicates);
                }
            }
        });

        Assert.Equal(0, duplicates);
        Assert.Equal(160_000, seen.Count);
    }

    [Fact]
    public void OrdersLikeItsHexText()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => TrailId.New()).ToList();

        var byValue = ids.Order().Select(id => id.ToString()).ToList();
        var byText = ids.Select(id => id.ToString()).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(byText, byValue);
    }

    [Fact]
    public void IsEqualOnlyToTheSameBits()
    {
        var id = new TrailId(1, 2);

        Assert.True(id == new TrailId(1, 2));
        Assert.True(id != new TrailId(2, 1));
        Assert.Equal(id.GetHashCode(), new TrailId(1, 2).GetHashCode());
        Assert.True(default(TrailId).IsEmpty);
    }
}
