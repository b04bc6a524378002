using System.Globalization;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Journal;

/// <summary>
/// An event journal in SQLite with the shape of Akka.Persistence.Sql's: one row per event, unique per
/// (persistence id, sequence number), a global <c>ordering</c>, and soft deletion that always keeps the highest
/// sequence number of a stream so that it is never reused. Synchronous and not thread-safe: one thread (the
/// journal actor's) drives it through one writer connection whose commands are prepared once and reused.
/// </summary>
public sealed class SqliteJournal : IDisposable
{
    private const char TagSeparator = ';';

    private readonly SqliteDatabase _database;
    private readonly IJournalBatchExtension? _extension;
    private readonly SqliteStatement _insert;
    private readonly SqliteCommand _replay;
    private readonly SqliteCommand _highest;
    private readonly SqliteCommand _markDeleted;
    private readonly SqliteCommand _purgeDeleted;
    private bool _disposed;

    private SqliteJournal(SqliteDatabase database, IJournalBatchExtension? extension)
    {
        _database = database;
        _extension = extension;

        // A native statement: Microsoft.Data.Sqlite's command layer costs more per row than the insert itself.
        _insert = new SqliteStatement(
            database.Connection,
            "INSERT INTO journal (persistence_id, sequence_number, created, manifest, payload, tags, writer_uuid) " +
            "VALUES ($pid, $seq, $created, $manifest, $payload, $tags, $writer)");

        _replay = database.Prepare(
            "SELECT ordering, sequence_number, created, manifest, payload, tags, writer_uuid FROM journal " +
            "WHERE persistence_id = $pid AND sequence_number >= $from AND sequence_number <= $to AND deleted = 0 " +
            "ORDER BY sequence_number LIMIT $max");
        AddParameters(_replay, "$pid", "$from", "$to", "$max");

        _highest = database.Prepare("SELECT MAX(sequence_number) FROM journal WHERE persistence_id = $pid");
        AddParameters(_highest, "$pid");

        _markDeleted = database.Prepare(
            "UPDATE journal SET deleted = 1 WHERE persistence_id = $pid AND sequence_number <= $to AND deleted = 0");
        AddParameters(_markDeleted, "$pid", "$to");

        // The highest row stays (marked deleted) so HighestSequenceNumber never goes back, as in Akka.
        _purgeDeleted = database.Prepare(
            "DELETE FROM journal WHERE persistence_id = $pid AND sequence_number <= $to AND sequence_number < " +
            "(SELECT MAX(sequence_number) FROM journal WHERE persistence_id = $pid)");
        AddParameters(_purgeDeleted, "$pid", "$to");
    }

    /// <summary>The database file path (or shared in-memory name).</summary>
    public string DataSource => _database.DataSource;

    /// <summary>Opens (creating if needed) the journal described by <paramref name="options"/>.</summary>
    /// <param name="options">Where the database is and how to open it.</param>
    /// <exception cref="PersistenceException">The database cannot be opened, is not SQLite, or has a newer schema.</exception>
    public static SqliteJournal Open(SqliteStoreOptions options) => Open(options, null);

    /// <summary>Opens the journal with an extension that writes rows of its own in each batch's transaction.</summary>
    internal static SqliteJournal Open(SqliteStoreOptions options, IJournalBatchExtension? extension)
    {
        SqliteDatabase database = SqliteDatabase.Open(options);
        try
        {
            var journal = new SqliteJournal(database, extension);
            database.Run("preparing the journal's extension", () => extension?.Attach(database));
            return journal;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends <paramref name="writes"/> in one transaction: all of them or none. A sequence number that the
    /// stream already has (or that appears twice in the batch) rejects the whole batch.
    /// </summary>
    /// <param name="writes">The events, in the order they should receive <c>ordering</c> values.</param>
    /// <exception cref="ArgumentException">A write is malformed; the message names its position and field.</exception>
    /// <exception cref="SequenceConflictException">A sequence number is already taken.</exception>
    /// <exception cref="PersistenceException">SQLite failed (locked, read-only, full disk...).</exception>
    public void WriteBatch(IReadOnlyList<JournalWrite> writes)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(writes);
        for (int i = 0; i < writes.Count; i++)
        {
            Validate(writes[i], i, writes.Count);
        }

        if (writes.Count == 0)
        {
            return;
        }

        long now = _database.Options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        bool committed = false;
        try
        {
            _database.Run($"writing a batch of {writes.Count} events", () =>
            {
                using SqliteTransaction transaction = _database.Connection.BeginTransaction(deferred: false);
                for (int i = 0; i < writes.Count; i++)
                {
                    JournalWrite write = writes[i];
                    _insert.BindText(1, write.PersistenceId);
                    _insert.Bind(2, write.SequenceNumber);
                    _insert.Bind(3, write.Created?.ToUnixTimeMilliseconds() ?? now);
                    _insert.BindText(4, write.Manifest);
                    _insert.BindBlob(5, write.Payload);
                    _insert.BindText(6, write.Tags.Count == 0 ? null : JoinTags(write.Tags));
                    _insert.BindText(7, write.WriterUuid);
                    try
                    {
                        _insert.Execute();
                    }
                    catch (SqliteException exception) when (exception.SqliteErrorCode == 19)
                    {
                        // SQLITE_CONSTRAINT: the only constraint an insert can break is the unique (id, seq) pair.
                        transaction.Rollback();
                        throw new SequenceConflictException(DataSource, write.PersistenceId, write.SequenceNumber, i, writes.Count, exception);
                    }
                }

                _extension?.Write(writes);
                transaction.Commit();
                committed = true;
            });
        }
        finally
        {
            if (committed)
            {
                _extension?.Committed();
            }
            else
            {
                _extension?.RolledBack();
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="onEntry"/> for each non-deleted event of <paramref name="persistenceId"/> with a
    /// sequence number in [<paramref name="fromSequenceNumber"/>, <paramref name="toSequenceNumber"/>], in
    /// sequence order, at most <paramref name="max"/> of them. The callback must not use this journal.
    /// </summary>
    /// <param name="persistenceId">The stream to read.</param>
    /// <param name="fromSequenceNumber">Lowest sequence number wanted (inclusive).</param>
    /// <param name="toSequenceNumber">Highest sequence number wanted (inclusive).</param>
    /// <param name="max">Most events to deliver; 0 or less delivers none.</param>
    /// <param name="onEntry">Receives each event.</param>
    /// <returns>The number of events delivered.</returns>
    public long Replay(string persistenceId, long fromSequenceNumber, long toSequenceNumber, long max, Action<JournalEntry> onEntry)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(onEntry);
        if (max <= 0 || fromSequenceNumber > toSequenceNumber)
        {
            return 0;
        }

        return _database.Run($"replaying '{persistenceId}' from {fromSequenceNumber} to {toSequenceNumber}", () =>
        {
            _replay.Transaction = null;
            _replay.Parameters[0].Value = persistenceId;
            _replay.Parameters[1].Value = fromSequenceNumber;
            _replay.Parameters[2].Value = toSequenceNumber;
            _replay.Parameters[3].Value = max;
            long delivered = 0;
            using SqliteDataReader reader = _replay.ExecuteReader();
            while (reader.Read())
            {
                onEntry(new JournalEntry(
                    Ordering: reader.GetInt64(0),
                    PersistenceId: persistenceId,
                    SequenceNumber: reader.GetInt64(1),
                    Created: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    Manifest: reader.GetString(3),
                    Payload: (byte[])reader.GetValue(4),
                    Tags: reader.IsDBNull(5) ? [] : SplitTags(reader.GetString(5)),
                    WriterUuid: reader.GetString(6)));
                delivered++;
            }

            return delivered;
        });
    }

    /// <summary>
    /// The highest sequence number ever written for <paramref name="persistenceId"/>, deleted events included;
    /// 0 when the stream has none.
    /// </summary>
    /// <param name="persistenceId">The stream.</param>
    public long HighestSequenceNumber(string persistenceId)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return _database.Run($"reading the highest sequence number of '{persistenceId}'", () =>
        {
            _highest.Transaction = null;
            _highest.Parameters[0].Value = persistenceId;
            object? value = _highest.ExecuteScalar();
            return value is null or DBNull ? 0L : Convert.ToInt64(value, CultureInfo.InvariantCulture);
        });
    }

    /// <summary>
    /// Deletes the events of <paramref name="persistenceId"/> up to <paramref name="toSequenceNumber"/>. They no
    /// longer replay; the stream's highest event is kept as a deleted marker so its sequence number is never reused.
    /// </summary>
    /// <param name="persistenceId">The stream.</param>
    /// <param name="toSequenceNumber">Highest sequence number to delete (inclusive).</param>
    public void DeleteUpTo(string persistenceId, long toSequenceNumber)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        _database.Run($"deleting '{persistenceId}' up to {toSequenceNumber}", () =>
        {
            using SqliteTransaction transaction = _database.Connection.BeginTransaction(deferred: false);
            foreach (SqliteCommand command in new[] { _markDeleted, _purgeDeleted })
            {
                command.Transaction = transaction;
                command.Parameters[0].Value = persistenceId;
                command.Parameters[1].Value = toSequenceNumber;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
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

        // First, while the connection is open: an extension may write a last row (the ledger's final checkpoint).
        _extension?.Dispose();
        _insert.Dispose();
        _replay.Dispose();
        _highest.Dispose();
        _markDeleted.Dispose();
        _purgeDeleted.Dispose();
        _database.Dispose();
    }

    private static void AddParameters(SqliteCommand command, params string[] names)
    {
        foreach (string name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    private static string JoinTags(IReadOnlyList<string> tags)
    {
        // ";a;b;": leading and trailing separators let a query match one tag exactly with LIKE '%;a;%'.
        return TagSeparator + string.Join(TagSeparator, tags) + TagSeparator;
    }

    private static string[] SplitTags(string tags) => tags.Split(TagSeparator, StringSplitOptions.RemoveEmptyEntries);

    private static void Validate(JournalWrite? write, int index, int count)
    {
        string where = $"journal write {index} of a batch of {count}";
        if (write is null)
        {
            throw new ArgumentException($"{where} is null.", "writes");
        }

        if (string.IsNullOrEmpty(write.PersistenceId))
        {
            throw new ArgumentException($"{where} has an empty PersistenceId.", "writes");
        }

        where += $" ('{write.PersistenceId}', sequence number {write.SequenceNumber})";
        if (write.SequenceNumber < 1)
        {
            throw new ArgumentException($"{where}: SequenceNumber must be 1 or more.", "writes");
        }

        if (write.Manifest is null || write.Payload is null || write.WriterUuid is null || write.Tags is null)
        {
            throw new ArgumentException($"{where}: Manifest, Payload, WriterUuid and Tags must not be null.", "writes");
        }

        for (int t = 0; t < write.Tags.Count; t++)
        {
            string tag = write.Tags[t];
            if (string.IsNullOrEmpty(tag) || tag.Contains(TagSeparator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"{where}: tag {t} ('{tag}') is empty or contains '{TagSeparator}'.", "writes");
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
