using CodeSight.Persistence.Journal;
using CodeSight.Persistence.Snapshots;
using CodeSight.Persistence.Sqlite;
using CodeSight.Persistence.Tests.Journal;
using CodeSight.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace CodeSight.Persistence.Tests.Sqlite;

/// <summary>Failures that must surface as a <see cref="PersistenceException"/> naming the file and the cause.</summary>
public sealed class SqliteFailureTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void RefusesAFileThatIsNotASqliteDatabase()
    {
        byte[] garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(_file.Path, garbage);

        var error = Assert.Throws<PersistenceException>(() => SqliteJournal.Open(_file.Options));

        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(_file.Path, error.DataSource);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public void RefusesAPathWhoseParentIsAFileEvenForRoot()
    {
        // Root ignores permission bits, but no one can create a file inside a regular file.
        string blocker = Path.Combine(_file.Directory, "not-a-directory");
        File.WriteAllText(blocker, "plain file");
        string path = Path.Combine(blocker, "ledger.db");

        var journalError = Assert.Throws<PersistenceException>(() => SqliteJournal.Open(SqliteStoreOptions.ForFile(path)));
        var snapshotError = Assert.Throws<PersistenceException>(() => SqliteSnapshotStore.Open(SqliteStoreOptions.ForFile(path)));

        Assert.Contains(path, journalError.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be opened", journalError.Message, StringComparison.Ordinal);
        Assert.Contains("opening the database", journalError.Message, StringComparison.Ordinal);
        Assert.Contains(path, snapshotError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesADatabaseWithANewerSchemaVersion()
    {
        using (SqliteJournal.Open(_file.Options))
        {
        }

        _file.Scalar("INSERT INTO schema_version (version, applied) VALUES (7, 0)");

        var error = Assert.Throws<PersistenceException>(() => SqliteJournal.Open(_file.Options));

        Assert.Contains("schema version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer than version 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsADatabaseLockedByAnotherConnection()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options with { BusyTimeout = TimeSpan.FromMilliseconds(50) });
        using SqliteConnection holder = _file.OpenRaw();
        using (SqliteCommand begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var error = Assert.Throws<PersistenceException>(() => journal.WriteBatch([SqliteJournalTests.Write("p", 1, "blocked")]));

        Assert.Contains("locked by another connection", error.Message, StringComparison.Ordinal);
        Assert.Contains("writing a batch of 1 events", error.Message, StringComparison.Ordinal);
        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);

        using (SqliteCommand rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        journal.WriteBatch([SqliteJournalTests.Write("p", 1, "after the lock")]);
        Assert.Equal(1, journal.HighestSequenceNumber("p"));
    }

    [Fact]
    public void ReportsAFullDatabaseAndKeepsNothingOfTheBatch()
    {
        using SqliteJournal journal = SqliteJournal.Open(_file.Options with { MaxDatabaseBytes = 64 * 1024 });
        journal.WriteBatch([new JournalWrite("p", 1, "m", new byte[1000], "w")]);
        List<JournalWrite> tooBig = Enumerable.Range(2, 50).Select(i => new JournalWrite("p", i, "m", new byte[4000], "w")).ToList();

        var error = Assert.Throws<PersistenceException>(() => journal.WriteBatch(tooBig));

        Assert.Contains("size limit of 65536 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("SQLite error 13", error.Message, StringComparison.Ordinal);
        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, journal.HighestSequenceNumber("p"));
        journal.WriteBatch([new JournalWrite("p", 2, "m", new byte[1000], "w")]);
        Assert.Equal(2, journal.HighestSequenceNumber("p"));
    }
}
