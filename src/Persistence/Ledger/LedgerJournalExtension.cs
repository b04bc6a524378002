using System.Globalization;
using CodeSight.Persistence.Journal;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The ledger's side of the journal's batch transaction: for every <see cref="LedgerRecord"/> the journal
/// writes, its leaf row; for each batch's last entry, the recovery snapshot; and a checkpoint when one is due
/// (<see cref="LedgerOptions.CheckpointEvery"/> entries or <see cref="LedgerOptions.CheckpointInterval"/> since
/// the last). Refuses a batch that would leave a gap after a refused one, so the chain never skips an entry. When
/// the journal closes, writes a last checkpoint over whatever was committed since the previous one.
/// Runs on the journal writer's thread, which also makes it the ledger's second core for signing.
/// </summary>
internal sealed class LedgerJournalExtension(LedgerOptions options, LedgerCounters counters) : IJournalBatchExtension
{
    private SqliteDatabase? _database;
    private LedgerRowWriter? _rows;
    private long _committedSize;
    private long _snapshotSize;
    private LedgerSnapshot? _committedSnapshot;
    private long _lastCheckpointSize;
    private long _lastCheckpointAt;
    private long _pendingSize;
    private long _pendingSnapshotSize;
    private LedgerSnapshot? _pendingSnapshot;
    private LedgerCheckpoint? _pendingCheckpoint;

    public void Attach(SqliteDatabase database)
    {
        LedgerStore.CreateTables(database);
        _database = database;
        _committedSize = _snapshotSize = ScalarOrZero(database, "SELECT MAX(sequence_number) FROM ledger_leaf");
        using (SqliteCommand last = database.Prepare(LedgerSchema.LatestCheckpoint))
        using (SqliteDataReader reader = last.ExecuteReader())
        {
            bool any = reader.Read();
            _lastCheckpointSize = any ? reader.GetInt64(0) : 0;
            _lastCheckpointAt = any ? reader.GetInt64(1) : Now();
        }

        _rows = new LedgerRowWriter(database);
    }

    public void Write(IReadOnlyList<JournalWrite> writes)
    {
        LedgerRowWriter rows = _rows ?? throw new InvalidOperationException("The ledger's journal extension was not attached.");
        long created = Now();
        _pendingSize = _committedSize;
        _pendingSnapshotSize = _snapshotSize;
        _pendingSnapshot = null;
        _pendingCheckpoint = null;
        foreach (JournalWrite write in writes)
        {
            if (write.Event is not LedgerRecord record || write.SequenceNumber != record.Sequence)
            {
                throw Refused($"journal row {write.PersistenceId}/{write.SequenceNumber} is not a ledger entry at its own sequence number");
            }

            if (record.Sequence != _pendingSize + 1)
            {
                // An earlier batch was refused and its entries never reached the file: this one must not follow them.
                throw Refused($"ledger entry {record.Sequence} would follow entry {_pendingSize}, leaving a gap after a refused batch");
            }

            rows.InsertLeaf(record.Sequence, record.Leaf, record.Chain, record.Index);
            _pendingSize = record.Sequence;
            if (record.Snapshot is { } snapshot)
            {
                rows.WriteSnapshot(snapshot, created, _pendingSnapshotSize);
                _pendingSnapshotSize = snapshot.Size;
                _pendingSnapshot = snapshot;
            }
        }

        if (_pendingSnapshot is { } last && last.Size == _pendingSize && IsCheckpointDue(last.Size, created))
        {
            _pendingCheckpoint = LedgerCheckpoint.Create(last.Size, last.Frontier.Root(), last.ChainHead, created, options.SigningKey);
            rows.WriteCheckpoint(_pendingCheckpoint);
        }
    }

    public void Committed()
    {
        _committedSize = _pendingSize;
        _snapshotSize = _pendingSnapshotSize;
        _committedSnapshot = _pendingSnapshot ?? _committedSnapshot;
        if (_pendingCheckpoint is { } checkpoint)
        {
            _lastCheckpointSize = checkpoint.TreeSize;
            _lastCheckpointAt = checkpoint.Created;
            counters.AddCheckpoint();
        }

        _pendingSnapshot = null;
        _pendingCheckpoint = null;
    }

    public void RolledBack()
    {
        _pendingSnapshot = null;
        _pendingCheckpoint = null;
    }

    public void Dispose()
    {
        if (_database is { } database && _rows is { } rows && _committedSnapshot is { } last
            && last.Size == _committedSize && _committedSize > _lastCheckpointSize)
        {
            try
            {
                database.Run("writing the ledger's final checkpoint", () =>
                {
                    long created = Now();
                    using SqliteTransaction transaction = database.Connection.BeginTransaction(deferred: false);
                    rows.WriteCheckpoint(LedgerCheckpoint.Create(last.Size, last.Frontier.Root(), last.ChainHead, created, options.SigningKey));
                    transaction.Commit();
                });
                _lastCheckpointSize = last.Size;
                counters.AddCheckpoint();
            }
            catch (PersistenceException exception)
            {
                // The entries stay journaled and chained; only this checkpoint is missing.
                counters.AddFailed(0, exception.Message);
            }
        }

        _rows?.Dispose();
        _rows = null;
    }

    private bool IsCheckpointDue(long size, long now) =>
        size > _lastCheckpointSize
        && (size - _lastCheckpointSize >= options.CheckpointEvery || now - _lastCheckpointAt >= (long)options.CheckpointInterval.TotalMilliseconds);

    private long Now() => options.Store.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private PersistenceException Refused(string problem) =>
        new(options.Store.DataSource, $"SQLite database file '{options.Store.DataSource}': {problem}; the batch is refused.");

    private static long ScalarOrZero(SqliteDatabase database, string sql)
    {
        using SqliteCommand command = database.Prepare(sql);
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }
}
