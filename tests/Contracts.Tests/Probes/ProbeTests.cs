using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Probes;

namespace CodeSight.Contracts.Tests.Probes;

public sealed class ProbeTests
{
    private static Probe Sample(ProbeStatus status, long? endedAt, IReadOnlyDictionary<string, object?>? attributes = null) =>
        new(new ProbeId(7), new TrailId(1, 2), null, ProbeKind.Tool, "read_file", 1_000, endedAt, status, attributes ?? ProbeAttributes.Empty, null);

    [Theory]
    [InlineData(ProbeStatus.Open, 2_000L, false)]
    [InlineData(ProbeStatus.Ok, null, false)]
    [InlineData(ProbeStatus.Ok, 2_000L, true)]
    [InlineData(ProbeStatus.Abandoned, 2_000L, true)]
    public void IsClosedOnlyWithATerminalStatusAndAnEndTime(ProbeStatus status, long? endedAt, bool closed)
    {
        Assert.Equal(closed, Sample(status, endedAt).IsClosed);
    }

    [Fact]
    public void ComparesAttributesByContent()
    {
        var left = Sample(ProbeStatus.Ok, 5, new Dictionary<string, object?>
        {
            ["n"] = 5,
            ["list"] = new object?[] { "a", 1.5, null },
            ["nested"] = new Dictionary<string, object?> { ["deep"] = true },
        });
        var right = Sample(ProbeStatus.Ok, 5, new Dictionary<string, object?>
        {
            ["nested"] = new Dictionary<string, object?> { ["deep"] = true },
            ["list"] = new List<object?> { "a", 1.5, null },
            ["n"] = 5L,
        });

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void TellsApartAnIntegerFromAnEqualDouble()
    {
        var asLong = Sample(ProbeStatus.Ok, 5, new Dictionary<string, object?> { ["n"] = 2L });
        var asDouble = Sample(ProbeStatus.Ok, 5, new Dictionary<string, object?> { ["n"] = 2.0 });

        Assert.NotEqual(asLong, asDouble);
    }

    [Fact]
    public void EmptyAttributesAreOneSharedInstance()
    {
        Assert.Same(ProbeAttributes.Empty, ProbeAttributes.Empty);
        Assert.Empty(ProbeAttributes.Empty);
    }
}
