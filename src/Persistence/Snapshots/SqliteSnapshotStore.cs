using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Snapshots;

/// <summary>
/// A snapshot store in SQLite: one row per (persistence id, sequence number) in the <c>snapshot</c> table,
/// usually in the same database file as the journal. Saving at an existing sequence number replaces that
/// snapshot. Synchronous and not thread-safe: one thread drives it, with commands prepared once and reused.
/// </summary>
public sealed class SqliteSnapshotStore : IDisposable
{
    private const string Criteria =
        "persistence_id = $pid AND sequence_number >= $minSeq AND sequence_number <= $maxSeq " +
        "AND created >= $minTs AND created <= $maxTs";

    private readonly SqliteDatabase _database;
    private readonly SqliteCommand _save;
    private readonly SqliteCommand _loadLatest;
    private readonly SqliteCommand _delete;
    private bool _disposed;

    private SqliteSnapshotStore(SqliteDatabase database)
    {
        _database = database;
        _save = database.Prepare(
            "INSERT INTO snapshot (persistence_id, sequence_number, created, manifest, snapshot) " +
            "VALUES ($pid, $seq, $created, $manifest, $snapshot) " +
            "ON CONFLICT (persistence_id, sequence_number) DO UPDATE SET " +
            "created = excluded.created, manifest = excluded.manifest, snapshot = excluded.snapshot");
        AddParameters(_save, "$pid", "$seq", "$created", "$manifest", "$snapshot");

        _loadLatest = database.Prepare(
            $"SELECT sequence_number, created, manifest, snapshot FROM snapshot WHERE {Criteria} " +
            "ORDER BY sequence_number DESC LIMIT 1");
        AddParameters(_loadLatest, "$pid", "$minSeq", "$maxSeq", "$minTs", "$maxTs");

        _delete = database.Prepare($"DELETE FROM snapshot WHERE {Criteria}");
        AddParameters(_delete, "$pid", "$minSeq", "$maxSeq", "$minTs", "$maxTs");
    }

    /// <summary>The database file path (or shared in-memory name).</summary>
    public string DataSource => _database.DataSource;

    /// <summary>Opens (creating if needed) the snapshot store described by <paramref name="options"/>.</summary>
    /// <param name="options">Where the database is and how to open it.</param>
    /// <exception cref="PersistenceException">The database cannot be opened, is not SQLite, or has a newer schema.</exception>
    public static SqliteSnapshotStore Open(SqliteStoreOptions options)
    {
        SqliteDatabase database = SqliteDatabase.Open(options);
        try
        {
            return new SqliteSnapshotStore(database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Saves <paramref name="snapshot"/>, replacing any snapshot at the same persistence id and sequence number.</summary>
    /// <param name="snapshot">The snapshot to keep.</param>
    /// <exception cref="ArgumentException">A field is empty, null or out of range; the message names it.</exception>
    /// <exception cref="PersistenceException">SQLite failed (locked, read-only, full disk...).</exception>
    public void Save(SnapshotEntry snapshot)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(snapshot);
        if (string.IsNullOrEmpty(snapshot.PersistenceId))
        {
            throw new ArgumentException("The snapshot's PersistenceId is empty.", nameof(snapshot));
        }

        if (snapshot.SequenceNumber < 0)
        {
            throw new ArgumentException($"Snapshot of '{snapshot.PersistenceId}': SequenceNumber {snapshot.SequenceNumber} is negative.", nameof(snapshot));
        }

        if (snapshot.Manifest is null || snapshot.Snapshot is null)
        {
            throw new ArgumentException($"Snapshot of '{snapshot.PersistenceId}' at {snapshot.SequenceNumber}: Manifest and Snapshot must not be null.", nameof(snapshot));
        }

        _database.Run($"saving the snapshot of '{snapshot.PersistenceId}' at {snapshot.SequenceNumber}", () =>
        {
            _save.Parameters[0].Value = snapshot.PersistenceId;
            _save.Parameters[1].Value = snapshot.SequenceNumber;
            _save.Parameters[2].Value = snapshot.Created.ToUnixTimeMilliseconds();
            _save.Parameters[3].Value = snapshot.Manifest;
            _save.Parameters[4].Value = snapshot.Snapshot;
            _save.ExecuteNonQuery();
        });
    }

    /// <summary>The matching snapshot with the highest sequence number, or <see langword="null"/> when none matches.</summary>
    /// <param name="persistenceId">The stream.</param>
    /// <param name="criteria">Bounds on sequence number and creation time; <see cref="SnapshotCriteria.Latest"/> when null.</param>
    public SnapshotEntry? LoadLatest(string persistenceId, SnapshotCriteria? criteria = null)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        SnapshotCriteria bounds = criteria ?? SnapshotCriteria.Latest;
        return _database.Run($"loading the latest snapshot of '{persistenceId}'", () =>
        {
            Bind(_loadLatest, persistenceId, bounds);
            using SqliteDataReader reader = _loadLatest.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new SnapshotEntry(
                persistenceId,
                reader.GetInt64(0),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2),
                (byte[])reader.GetValue(3));
        });
    }

    /// <summary>Deletes the snapshots of <paramref name="persistenceId"/> that match <paramref name="criteria"/>.</summary>
    /// <param name="persistenceId">The stream.</param>
    /// <param name="criteria">Which snapshots; for example <see cref="SnapshotCriteria.UpTo(long)"/>.</param>
    /// <returns>How many snapshots were deleted.</returns>
    public int DeleteUpTo(string persistenceId, SnapshotCriteria criteria)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return _database.Run($"deleting snapshots of '{persistenceId}' up to {criteria.MaxSequenceNumber}", () =>
        {
            Bind(_delete, persistenceId, criteria);
            return _delete.ExecuteNonQuery();
        });
    }

    /// <summary>Closes the connection; the file stays, and a shared in-memory database goes when its last store closes.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _save.Dispose();
        _loadLatest.Dispose();
        _delete.Dispose();
        _database.Dispose();
    }

    private static void Bind(SqliteCommand command, string persistenceId, SnapshotCriteria criteria)
    {
        command.Parameters[0].Value = persistenceId;
        command.Parameters[1].Value = criteria.MinSequenceNumber;
        command.Parameters[2].Value = criteria.MaxSequenceNumber;
        command.Parameters[3].Value = criteria.MinTimestamp.ToUnixTimeMilliseconds();
        command.Parameters[4].Value = criteria.MaxTimestamp.ToUnixTimeMilliseconds();
    }

    private static void AddParameters(SqliteCommand command, params string[] names)
    {
        foreach (string name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
