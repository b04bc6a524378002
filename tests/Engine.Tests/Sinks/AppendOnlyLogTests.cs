using CodeSight.Engine.Sinks;

namespace CodeSight.Engine.Tests.Sinks;

public sealed class AppendOnlyLogTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_095)]
    [InlineData(4_096)]
    [InlineData(4_097)]
    [InlineData(70_000)] // more chunks than the first chunk table holds
    public void ASnapshotHoldsEveryEntryInOrder(int count)
    {
        var log = new AppendOnlyLog<int>();
        for (var i = 0; i < count; i++) log.Add(i);

        var snapshot = log.Snapshot();

        Assert.Equal(count, log.Count);
        Assert.Equal(count, snapshot.Count);
        for (var i = 0; i < count; i++) Assert.Equal(i, snapshot[i]);
        Assert.Equal(Enumerable.Range(0, count), snapshot);
    }

    [Fact]
    public void ASnapshotDoesNotChangeAsTheLogGrows()
    {
        var log = new AppendOnlyLog<string>();
        for (var i = 0; i < 5_000; i++) log.Add("a" + i);
        var before = log.Snapshot();

        for (var i = 0; i < 100_000; i++) log.Add("b" + i);

        Assert.Equal(5_000, before.Count);
        Assert.Equal("a4999", before[4_999]);
        Assert.Equal(5_000, before.Count());
        Assert.Equal(105_000, log.Snapshot().Count);
        Assert.Equal("b99999", log.Snapshot()[104_999]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(4_096)]
    public void ReadingPastTheSnapshotNamesTheIndexAndTheCount(int index)
    {
        var log = new AppendOnlyLog<int>();
        for (var i = 0; i < 3; i++) log.Add(i);
        var snapshot = log.Snapshot();
        log.Add(3); // written after the snapshot: still out of its range

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => snapshot[index]);

        Assert.Contains("3 entries", e.Message);
        Assert.Equal(index, e.ActualValue);
    }
}
