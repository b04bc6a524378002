using System.Text;
using CodeSight.Persistence.Journal;
using CodeSight.Persistence.Sqlite;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Journal;

public sealed class SqliteJournalTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void CreatesTheSchemaAtVersionOneInWalMode()
    {
        using (SqliteJournal.Open(_file.Options))
        {
        }

        Assert.Equal(1L, _file.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Equal("wal", _file.Scalar("PRAGMA journal_mode"));
        Assert.Equal(1L, _file.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'"));
        Assert.Equal(1L, _file.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'snapshot'"));
    }

    [Fact]
    public void ReplaysABatchInSequenceOrderWithEveryField()
    {
        var created = new DateTimeOffset(2026, 11, 21, 12, 0, 0, 123, TimeSpan.Zero);
        using SqliteJournal journal = SqliteJournal.Open(_file.Options);
        journal.WriteBatch(
        [
            Write("trail-1", 1, "first") with { Tags = ["ledger", "run"], Created = created },
            Write("trail-1", 2, "second"),
            Write("trail-2", 1, "other stream"),
        ]);

        List<JournalEntry> entries = ReplayAll(journal, "trail-1");

        Assert.Equal(new long[] { 1, 2 }, entries.Select(e => e.SequenceNumber));
        JournalEntry first = entries[0];
        Assert.Equal("trail-1", first.PersistenceId);
        Assert.Equal("first", Encoding.UTF8.GetString(first.Payload));
        Assert.Equal("test.v1", first.Manifest);
        Assert.Equal("writer-a", first.WriterUuid);
        Assert.Equal(new[] { "ledger", "run" }, first.Tags);
        Assert.Equal(created, first.Created);
        Assert.Empty(entries[1].Tags);
        Assert.True(entries[1].Ordering > first.Ordering);
    }

    [Fact]
    public void StampsWritesWithoutATimeWithTheStoreClock()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        using SqliteJournal clocked = SqliteJournal.Open(_file.Options with { Clock = new FixedClock(now) });

        clocked.WriteBatch([Write("p", 1, "x")]);

        Assert.Equal(now, ReplayAll(clocked, "p").Single().Created);
        Assert.Equal(now.ToUnixTimeMilliseconds(), _file.Scalar("SELECT created FROM journal"));
    }

    [Fact]
    public void StoresTagsBetweenSeparatorsAndPayloadAsABlob()
    {
        using (SqliteJournal journal = SqliteJournal.Open(_file.Options))
        {
            journal.WriteBatch([Write("p", 1, "abc") with { Tags = ["a", "b"] }]);
        }

        Assert.Equal(";a;b;", _file.Scalar("SELECT tags FROM journal"));
        Assert.Equal("blob", _file.Scalar("SELECT typeof(payload) FROM journal"));
        Assert.Equal(0L, _file.Scalar("SELECT deleted FROM journal"));
    }

    [Fact]
    public void ReplayHonoursTheRangeAndTheMaximum()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options);
        journal.WriteBatch(Enumerable.Range(1, 10).Select(i => Write("p", i, $"e{i}")).ToList());

        Assert.Equal(new long[] { 3, 4, 5, 6 }, Sequence(journal, "p", 3, 6, long.MaxValue));
        Assert.Equal(new long[] { 3, 4 }, Sequence(journal, "p", 3, 6, 2));
        Assert.Empty(Sequence(journal, "p", 3, 6, 0));
        Assert.Empty(Sequence(journal, "p", 7, 6, 10));
        Assert.Equal(new long[] { 10 }, Sequence(journal, "p", 10, long.MaxValue, 10));
        Assert.Empty(Sequence(journal, "unknown", 1, long.MaxValue, 10));
        Assert.Equal(4, journal.Replay("p", 1, 4, 100, _ => { }));
    }

    [Fact]
    public void RejectsTheWholeBatchWhenASequenceNumberIsTaken()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options);
        journal.WriteBatch([Write("p", 1, "a"), Write("p", 2, "b"), Write("p", 3, "c")]);

        var error = Assert.Throws<SequenceConflictException>(() =>
            journal.WriteBatch([Write("p", 4, "d"), Write("q", 1, "other"), Write("p", 2, "again"), Write("p", 5, "e")]));

        Assert.Equal("p", error.PersistenceId);
        Assert.Equal(2, error.SequenceNumber);
        Assert.Equal(2, error.BatchIndex);
        Assert.Contains("'p' already has sequence number 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, journal.HighestSequenceNumber("p"));
        Assert.Equal(0, journal.HighestSequenceNumber("q"));
        Assert.Equal(3L, _file.Scalar("SELECT COUNT(*) FROM journal"));

        journal.WriteBatch([Write("p", 4, "d")]);
        Assert.Equal(4, journal.HighestSequenceNumber("p"));
    }

    [Fact]
    public void RejectsADuplicateInsideOneBatch()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options);

        var error = Assert.Throws<SequenceConflictException>(() => journal.WriteBatch([Write("p", 1, "a"), Write("p", 1, "b")]));

        Assert.Equal(1, error.BatchIndex);
        Assert.Equal(0, journal.HighestSequenceNumber("p"));
    }

    [Fact]
    public void RejectsMalformedWritesBeforeWritingAnything()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options);

        var zero = Assert.Throws<ArgumentException>(() => journal.WriteBatch([Write("p", 1, "a"), Write("p", 0, "b")]));
        var tag = Assert.Throws<ArgumentException>(() => journal.WriteBatch([Write("p", 1, "a") with { Tags = ["a;b"] }]));
        var empty = Assert.Throws<ArgumentException>(() => journal.WriteBatch([Write("", 1, "a")]));

        Assert.Contains("journal write 1 of a batch of 2", zero.Message, StringComparison.Ordinal);
        Assert.Contains("SequenceNumber", zero.Message, StringComparison.Ordinal);
        Assert.Contains("tag 0 ('a;b')", tag.Message, StringComparison.Ordinal);
        Assert.Contains("PersistenceId", empty.Message, StringComparison.Ordinal);
        Assert.Equal(0, journal.HighestSequenceNumber("p"));
    }

    [Fact]
    public void HighestSequenceNumberIsZeroForAStreamWithNoEvents()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options);
        journal.WriteBatch([Write("p", 7, "a")]);

        Assert.Equal(0, journal.HighestSequenceNumber("nobody"));
        Assert.Equal(7, journal.HighestSequenceNumber("p"));
    }

    [Fact]
    public void DeletingEverythingKeepsTheHighestSequenceNumberAsAMarker()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options);
        journal.WriteBatch(Enumerable.Range(1, 5).Select(i => Write("p", i, "x")).ToList());

        journal.DeleteUpTo("p", 5);

        Assert.Empty(ReplayAll(journal, "p"));
        Assert.Equal(5, journal.HighestSequenceNumber("p"));
        Assert.Equal(1L, _file.Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'p'"));
        Assert.Equal(1L, _file.Scalar("SELECT deleted FROM journal WHERE persistence_id = 'p'"));
        Assert.Throws<SequenceConflictException>(() => journal.WriteBatch([Write("p", 5, "reused")]));
    }

    [Fact]
    public void DeletingAPrefixLeavesTheRestReplayable()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options);
        journal.WriteBatch(Enumerable.Range(1, 5).Select(i => Write("p", i, "x")).Append(Write("q", 1, "y")).ToList());

        journal.DeleteUpTo("p", 3);

        Assert.Equal(new long[] { 4, 5 }, Sequence(journal, "p", 1, long.MaxValue, long.MaxValue));
        Assert.Equal(2L, _file.Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'p'"));
        Assert.Single(ReplayAll(journal, "q"));
        Assert.Equal(5, journal.HighestSequenceNumber("p"));
    }

    [Fact]
    public void KeepsEventsAcrossReopening()
    {
        using (SqliteJournal journal = SqliteJournal.Open(_file.Options with { Synchronous = SqliteSynchronous.Full }))
        {
            journal.WriteBatch([Write("p", 1, "kept")]);
        }

        using SqliteJournal reopened = SqliteJournal.Open(_file.Options);

        Assert.Equal("kept", Encoding.UTF8.GetString(ReplayAll(reopened, "p").Single().Payload));
    }

    [Fact]
    public void SharedMemoryDatabaseIsSeenByEveryStoreUsingItsNameAndGoesWithTheLast()
    {
        string name = "journal-" + Guid.NewGuid().ToString("N");
        using (SqliteJournal writer = SqliteJournal.Open(SqliteStoreOptions.ForSharedMemory(name)))
        {
            writer.WriteBatch([Write("p", 1, "shared")]);
            using SqliteJournal reader = SqliteJournal.Open(SqliteStoreOptions.ForSharedMemory(name));
            Assert.Equal(1, reader.HighestSequenceNumber("p"));
        }

        using SqliteJournal fresh = SqliteJournal.Open(SqliteStoreOptions.ForSharedMemory(name));
        Assert.Equal(0, fresh.HighestSequenceNumber("p"));
    }

    [Fact]
    public void RefusesUseAfterDispose()
    {
        SqliteJournal journal = SqliteJournal.Open(_file.Options);
        journal.Dispose();

        Assert.Throws<ObjectDisposedException>(() => journal.HighestSequenceNumber("p"));
    }

    internal static JournalWrite Write(string persistenceId, long sequenceNumber, string payload) =>
        new(persistenceId, sequenceNumber, "test.v1", Encoding.UTF8.GetBytes(payload), "writer-a");

    private static List<JournalEntry> ReplayAll(SqliteJournal journal, string persistenceId)
    {
        var entries = new List<JournalEntry>();
        journal.Replay(persistenceId, 1, long.MaxValue, long.MaxValue, entries.Add);
        return entries;
    }

    private static long[] Sequence(SqliteJournal journal, string persistenceId, long from, long to, long max)
    {
        var numbers = new List<long>();
        journal.Replay(persistenceId, from, to, max, e => numbers.Add(e.SequenceNumber));
        return [.. numbers];
    }
}
