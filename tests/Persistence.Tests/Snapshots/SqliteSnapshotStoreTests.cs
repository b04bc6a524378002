using System.Text;
using CodeSight.Persistence.Journal;
using CodeSight.Persistence.Snapshots;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Snapshots;

public sealed class SqliteSnapshotStoreTests : IDisposable
{
    private static readonly DateTimeOffset _t0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void LoadsTheSnapshotWithTheHighestSequenceNumber()
    {
        using SqliteSnapshotStore store = SqliteSnapshotStore.Open(_file.Options);
        store.Save(Snapshot("p", 10, 0, "ten"));
        store.Save(Snapshot("p", 30, 2, "thirty"));
        store.Save(Snapshot("p", 20, 1, "twenty"));
        store.Save(Snapshot("q", 99, 3, "other"));

        SnapshotEntry? latest = store.LoadLatest("p");

        Assert.NotNull(latest);
        Assert.Equal(30, latest.SequenceNumber);
        Assert.Equal("thirty", Encoding.UTF8.GetString(latest.Snapshot));
        Assert.Equal("state.v1", latest.Manifest);
        Assert.Equal(_t0.AddMinutes(2), latest.Created);
        Assert.Equal("p", latest.PersistenceId);
    }

    [Fact]
    public void HonoursTheSequenceAndTimestampBounds()
    {
        using SqliteSnapshotStore store = SqliteSnapshotStore.Open(_file.Options);
        store.Save(Snapshot("p", 10, 0, "ten"));
        store.Save(Snapshot("p", 20, 5, "twenty"));
        store.Save(Snapshot("p", 30, 10, "thirty"));

        Assert.Equal(20, store.LoadLatest("p", SnapshotCriteria.UpTo(29))!.SequenceNumber);
        Assert.Equal(10, store.LoadLatest("p", new SnapshotCriteria { MaxTimestamp = _t0.AddMinutes(4) })!.SequenceNumber);
        Assert.Equal(20, store.LoadLatest("p", new SnapshotCriteria { MaxTimestamp = _t0.AddMinutes(5) })!.SequenceNumber);
        Assert.Null(store.LoadLatest("p", new SnapshotCriteria { MinSequenceNumber = 11, MaxSequenceNumber = 19 }));
        Assert.Null(store.LoadLatest("p", SnapshotCriteria.UpTo(9)));
        Assert.Null(store.LoadLatest("nobody"));
    }

    [Fact]
    public void SavingAtTheSameSequenceNumberReplacesTheSnapshot()
    {
        using SqliteSnapshotStore store = SqliteSnapshotStore.Open(_file.Options);
        store.Save(Snapshot("p", 10, 0, "old"));
        store.Save(Snapshot("p", 10, 1, "new") with { Manifest = "state.v2" });

        SnapshotEntry latest = store.LoadLatest("p")!;

        Assert.Equal("new", Encoding.UTF8.GetString(latest.Snapshot));
        Assert.Equal("state.v2", latest.Manifest);
        Assert.Equal(1L, _file.Scalar("SELECT COUNT(*) FROM snapshot"));
    }

    [Fact]
    public void DeletesOnlyTheMatchingSnapshotsOfOneStream()
    {
        using SqliteSnapshotStore store = SqliteSnapshotStore.Open(_file.Options);
        foreach (int seq in new[] { 10, 20, 30 })
        {
            store.Save(Snapshot("p", seq, seq, $"s{seq}"));
        }

        store.Save(Snapshot("q", 5, 0, "q"));

        int deleted = store.DeleteUpTo("p", SnapshotCriteria.UpTo(20));

        Assert.Equal(2, deleted);
        Assert.Equal(30, store.LoadLatest("p")!.SequenceNumber);
        Assert.Null(store.LoadLatest("p", SnapshotCriteria.UpTo(29)));
        Assert.NotNull(store.LoadLatest("q"));
    }

    [Fact]
    public void SharesOneFileWithTheJournalAndSurvivesReopening()
    {
        using (SqliteJournal journal = SqliteJournal.Open(_file.Options))
        using (SqliteSnapshotStore store = SqliteSnapshotStore.Open(_file.Options))
        {
            journal.WriteBatch([new JournalWrite("p", 1, "e", [1], "w")]);
            store.Save(Snapshot("p", 1, 0, "state"));
        }

        using SqliteSnapshotStore reopened = SqliteSnapshotStore.Open(_file.Options);
        Assert.Equal("state", Encoding.UTF8.GetString(reopened.LoadLatest("p")!.Snapshot));
        Assert.Equal(1L, _file.Scalar("SELECT COUNT(*) FROM journal"));
        Assert.Equal(1L, _file.Scalar("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public void RejectsMalformedSnapshotsByField()
    {
        using SqliteSnapshotStore store = SqliteSnapshotStore.Open(_file.Options);

        var negative = Assert.Throws<ArgumentException>(() => store.Save(Snapshot("p", -1, 0, "x")));
        var empty = Assert.Throws<ArgumentException>(() => store.Save(Snapshot("", 1, 0, "x")));

        Assert.Contains("SequenceNumber -1", negative.Message, StringComparison.Ordinal);
        Assert.Contains("PersistenceId", empty.Message, StringComparison.Ordinal);
        Assert.Equal(0L, _file.Scalar("SELECT COUNT(*) FROM snapshot"));
    }

    private static SnapshotEntry Snapshot(string persistenceId, long sequenceNumber, int minutes, string state) =>
        new(persistenceId, sequenceNumber, _t0.AddMinutes(minutes), "state.v1", Encoding.UTF8.GetBytes(state));
}
