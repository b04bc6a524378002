using System.Buffers;
using System.Globalization;
using System.Text;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;
using CodeSight.Persistence.Canonical;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The writing side of the ledger: appends observations and closed probes as canonical JSON entries, each with
/// its leaf hash and chain link, in one transaction per batch; writes checkpoints (Merkle root, chain head,
/// optional ECDSA signature) with a snapshot of the Merkle frontier so that reopening never rehashes the
/// ledger; and prunes old payloads while keeping their hashes. Synchronous and not thread-safe: the
/// <see cref="LedgerActor"/> drives one from one thread. Layout and bytes: docs/ledger.md.
/// </summary>
public sealed class LedgerStore : IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly LedgerOptions _options;
    private MerkleFrontier _frontier;
    private readonly byte[] _chainHead;
    private readonly string _writerUuid = Guid.NewGuid().ToString("D");
    private readonly ArrayBufferWriter<byte> _entry = new(1024);
    private readonly byte[] _writerUuidUtf8;
    private readonly SqliteStatement _insertJournal;
    private readonly SqliteStatement _insertLeaf;
    private readonly SqliteCommand _insertCheckpoint;
    private readonly SqliteCommand _insertSnapshot;
    private readonly SqliteCommand _dropSnapshot;
    private byte[] _pendingLeaves = new byte[256 * MerkleHash.Size];
    private long _lastCheckpointSize;
    private long _lastCheckpointAt;
    private bool _disposed;

    private LedgerStore(SqliteDatabase database, LedgerOptions options, MerkleFrontier frontier, byte[] chainHead)
    {
        _database = database;
        _options = options;
        _frontier = frontier;
        _chainHead = chainHead;
        _writerUuidUtf8 = Encoding.UTF8.GetBytes(_writerUuid);
        _insertJournal = new SqliteStatement(database.Connection, LedgerSchema.InsertJournal);
        _insertLeaf = new SqliteStatement(database.Connection, LedgerSchema.InsertLeaf);
        _insertCheckpoint = Prepare(LedgerSchema.InsertCheckpoint, "$size", "$root", "$chain", "$created", "$key", "$signature");
        _insertSnapshot = Prepare(LedgerSchema.InsertSnapshot, "$seq", "$created", "$snapshot");
        _dropSnapshot = Prepare(LedgerSchema.DropSupersededSnapshot, "$seq");
    }

    /// <summary>The database file (or shared-memory name).</summary>
    public string DataSource => _database.DataSource;

    /// <summary>Number of entries in the ledger; the next entry gets sequence number <c>Size + 1</c>.</summary>
    public long Size => _frontier.Size;

    /// <summary>Tree size of the newest checkpoint (0 when none was written).</summary>
    public long LastCheckpointSize => _lastCheckpointSize;

    /// <summary>
    /// Opens (creating if needed) the ledger in the database and resumes it from its newest snapshot: the
    /// entries after the snapshot are re-linked from their stored leaf hashes, whose chain links are checked.
    /// </summary>
    /// <param name="options">Database and checkpoint settings.</param>
    /// <exception cref="PersistenceException">The database cannot be opened or written, or its ledger tables are inconsistent (a gap, a broken chain, a snapshot past the last entry); the message says where.</exception>
    public static LedgerStore Open(LedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CheckpointEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CheckpointEvery, "LedgerOptions.CheckpointEvery must be 1 or more.");
        }

        SqliteDatabase database = SqliteDatabase.Open(options.Store);
        try
        {
            database.Run("creating the ledger tables", () =>
            {
                using SqliteTransaction transaction = database.Connection.BeginTransaction(deferred: false);
                using SqliteCommand create = database.Prepare(LedgerSchema.Create);
                create.Transaction = transaction;
                create.ExecuteNonQuery();
                transaction.Commit();
            });

            var (frontier, chainHead) = database.Run("recovering the ledger", () => Recover(database));
            var store = new LedgerStore(database, options, frontier, chainHead);
            database.Run("reading the last checkpoint", store.ReadLastCheckpoint);
            return store;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The Merkle root of all entries (RFC 9162), 32 bytes.</summary>
    public byte[] Root() => _frontier.Root();

    /// <summary>The chain link of the last entry, or the genesis hash when the ledger is empty.</summary>
    public byte[] ChainHead() => (byte[])_chainHead.Clone();

    /// <summary>
    /// Appends <paramref name="items"/> in order, in one transaction: each <see cref="Observation"/>,
    /// <see cref="Probe"/> or <see cref="CloseSignal"/> becomes one entry. Items with no canonical JSON form
    /// (such as a NaN inside an observation's context) are skipped and counted as rejected; they take no
    /// sequence number. If the database refuses the batch, nothing of it is kept and the ledger is unchanged.
    /// Checkpoints are separate (<see cref="CheckpointIfDue"/>), so that a failed checkpoint can never be
    /// mistaken for a failed batch.
    /// </summary>
    /// <param name="items">Observations, probes and close signals.</param>
    /// <exception cref="ArgumentException">An item is null or of another type; the message gives its index.</exception>
    /// <exception cref="PersistenceException">The database refused the batch (locked, full, read-only, corrupted...).</exception>
    public LedgerAppendResult Append(IReadOnlyList<object> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is not (Observation or Probe or CloseSignal))
            {
                throw new ArgumentException(
                    $"Ledger item {i} of {items.Count} is {(items[i] is null ? "null" : "a " + items[i].GetType().Name)}; expected an Observation, a Probe or a CloseSignal.",
                    nameof(items));
            }
        }

        if (_pendingLeaves.Length < items.Count * MerkleHash.Size)
        {
            _pendingLeaves = new byte[items.Count * MerkleHash.Size];
        }

        long first = Size + 1;
        int appended = 0;
        int rejected = 0;
        string? firstRejection = null;
        long created = _options.Store.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        byte[] link = (byte[])_chainHead.Clone();
        MerkleFrontier? next = null;
        SqliteTransaction? transaction = null;
        try
        {
            transaction = _database.Connection.BeginTransaction(deferred: false);
            foreach (object item in items)
            {
                if (!TryEncode(item, first + appended, created, out EntryIndex index, ref rejected, ref firstRejection))
                {
                    continue;
                }

                ReadOnlySpan<byte> payload = _entry.WrittenSpan;
                Span<byte> leaf = _pendingLeaves.AsSpan(appended * MerkleHash.Size, MerkleHash.Size);
                MerkleHash.Leaf(payload, leaf);
                HashChain.Next(link, leaf, link);
                Insert(first + appended, created, payload, leaf, link, index);
                appended++;
            }

            if (appended > 0)
            {
                // The batch carries its own recovery snapshot, replacing the previous batch's (checkpoint
                // snapshots stay), so reopening resumes the tree and chain without re-linking a single row.
                next = MerkleFrontier.FromBytes(_frontier.ToBytes());
                for (int i = 0; i < appended; i++)
                {
                    next.Append(_pendingLeaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size));
                }

                WriteSnapshot(transaction, next, link, created);
                _dropSnapshot.Transaction = transaction;
                _dropSnapshot.Parameters[0].Value = first - 1;
                _dropSnapshot.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            throw _database.Describe("appending to the ledger", exception);
        }
        finally
        {
            transaction?.Dispose();
        }

        // Only a committed batch moves the in-memory tree and chain, so a refused batch leaves no trace.
        _frontier = next ?? _frontier;
        link.CopyTo(_chainHead, 0);
        return new LedgerAppendResult(first, appended, rejected, firstRejection);
    }

    /// <summary>
    /// Writes a checkpoint of the current state (signed when a key is configured) and, in the same transaction,
    /// a snapshot of the Merkle frontier and chain head that the next <see cref="Open"/> resumes from.
    /// </summary>
    /// <exception cref="PersistenceException">The database refused the write.</exception>
    public LedgerCheckpoint Checkpoint()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long created = _options.Store.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        LedgerCheckpoint checkpoint = LedgerCheckpoint.Create(Size, Root(), ChainHead(), created, _options.SigningKey);
        _database.Run("writing a ledger checkpoint", () =>
        {
            using SqliteTransaction transaction = _database.Connection.BeginTransaction(deferred: false);
            _insertCheckpoint.Transaction = transaction;
            _insertCheckpoint.Parameters[0].Value = checkpoint.TreeSize;
            _insertCheckpoint.Parameters[1].Value = checkpoint.Root;
            _insertCheckpoint.Parameters[2].Value = checkpoint.ChainHead;
            _insertCheckpoint.Parameters[3].Value = checkpoint.Created;
            _insertCheckpoint.Parameters[4].Value = (object?)checkpoint.PublicKey ?? DBNull.Value;
            _insertCheckpoint.Parameters[5].Value = (object?)checkpoint.Signature ?? DBNull.Value;
            _insertCheckpoint.ExecuteNonQuery();
            WriteSnapshot(transaction, _frontier, _chainHead, created);
            transaction.Commit();
        });

        _lastCheckpointSize = Size;
        _lastCheckpointAt = created;
        return checkpoint;
    }

    /// <summary>
    /// Writes a checkpoint when entries were appended since the last one and either
    /// <see cref="LedgerOptions.CheckpointEvery"/> entries or <see cref="LedgerOptions.CheckpointInterval"/>
    /// have passed; returns it, or null when none was due.
    /// </summary>
    public LedgerCheckpoint? CheckpointIfDue()
    {
        if (Size == _lastCheckpointSize)
        {
            return null;
        }

        long now = _options.Store.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        bool due = Size - _lastCheckpointSize >= _options.CheckpointEvery
            || now - _lastCheckpointAt >= (long)_options.CheckpointInterval.TotalMilliseconds;
        return due ? Checkpoint() : null;
    }

    /// <summary>
    /// Deletes the payloads of the oldest entries, those written before <paramref name="olderThan"/> (and every
    /// entry before them, so that what is pruned is always a prefix). Their leaf hashes and chain links stay,
    /// so the chain, the checkpoints and every proof still verify; <see cref="LedgerVerifier"/> reports them as pruned.
    /// </summary>
    /// <param name="olderThan">Payloads journaled before this instant go.</param>
    /// <exception cref="PersistenceException">The database refused the deletion.</exception>
    public LedgerPruneResult Prune(DateTimeOffset olderThan)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long bound = olderThan.ToUnixTimeMilliseconds();
        return _database.Run("pruning ledger payloads", () =>
        {
            using SqliteTransaction transaction = _database.Connection.BeginTransaction(deferred: false);
            long previous = ScalarInt64(transaction, LedgerSchema.PrunedThrough, null) ?? 0;
            long through = ScalarInt64(
                transaction,
                "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = '" + LedgerSchema.PersistenceId + "' AND created < $bound",
                bound) ?? 0;
            if (through <= previous)
            {
                transaction.Commit();
                return new LedgerPruneResult(previous, 0);
            }

            using SqliteCommand delete = _database.Prepare(
                "DELETE FROM journal WHERE persistence_id = '" + LedgerSchema.PersistenceId + "' AND sequence_number <= $bound");
            delete.Transaction = transaction;
            delete.Parameters.AddWithValue("$bound", through);
            int removed = delete.ExecuteNonQuery();
            using SqliteCommand mark = _database.Prepare(
                "INSERT INTO ledger_retention (id, pruned_through) VALUES (1, $bound) ON CONFLICT (id) DO UPDATE SET pruned_through = excluded.pruned_through");
            mark.Transaction = transaction;
            mark.Parameters.AddWithValue("$bound", through);
            mark.ExecuteNonQuery();
            transaction.Commit();
            return new LedgerPruneResult(through, removed);
        });
    }

    /// <summary>Closes the database. Entries appended since the last checkpoint are durable but re-linked on the next open.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _insertJournal.Dispose();
        _insertLeaf.Dispose();
        _insertCheckpoint.Dispose();
        _insertSnapshot.Dispose();
        _dropSnapshot.Dispose();
        _database.Dispose();
    }

    private void WriteSnapshot(SqliteTransaction transaction, MerkleFrontier frontier, byte[] chainHead, long created)
    {
        byte[] tree = frontier.ToBytes();
        byte[] snapshot = new byte[tree.Length + MerkleHash.Size];
        tree.CopyTo(snapshot, 0);
        chainHead.CopyTo(snapshot, tree.Length);
        _insertSnapshot.Transaction = transaction;
        _insertSnapshot.Parameters[0].Value = frontier.Size;
        _insertSnapshot.Parameters[1].Value = created;
        _insertSnapshot.Parameters[2].Value = snapshot;
        _insertSnapshot.ExecuteNonQuery();
    }

    private bool TryEncode(object item, long sequence, long created, out EntryIndex index, ref int rejected, ref string? firstRejection)
    {
        _entry.ResetWrittenCount();
        try
        {
            if (item is Observation observation)
            {
                LedgerEntryCodec.WriteObservation(sequence, created, observation, _entry);
                index = new EntryIndex(
                    LedgerEntryKinds.Observation, observation.TrailId, Modalities.WireName(observation.Modality), observation.Timestamp);
            }
            else
            {
                Probe probe = item as Probe ?? ((CloseSignal)item).Probe;
                LedgerEntryCodec.WriteProbe(sequence, created, probe, _entry);
                index = new EntryIndex(LedgerEntryKinds.Probe, probe.TrailId, null, LedgerEntryCodec.ProbeTimestamp(probe));
            }

            return true;
        }
        catch (CanonicalJsonException exception)
        {
            rejected++;
            firstRejection ??= exception.Message;
            index = default;
            return false;
        }
    }

    private void Insert(long sequence, long created, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> leaf, byte[] link, in EntryIndex index)
    {
        _insertJournal.Bind(1, sequence);
        _insertJournal.Bind(2, created);
        _insertJournal.BindBlob(3, payload);
        _insertJournal.BindUtf8(4, _writerUuidUtf8);
        _insertJournal.Execute();

        _insertLeaf.Bind(1, sequence);
        _insertLeaf.BindBlob(2, leaf);
        _insertLeaf.BindBlob(3, link);
        _insertLeaf.BindText(4, index.Kind);
        if (index.Trail is TrailId trail)
        {
            Span<byte> hex = stackalloc byte[TrailId.HexLength];
            trail.TryFormat(hex, out int written);
            _insertLeaf.BindUtf8(5, hex[..written]);
        }
        else
        {
            _insertLeaf.BindNull(5);
        }

        _insertLeaf.BindText(6, index.Modality);
        _insertLeaf.Bind(7, index.Timestamp);
        _insertLeaf.Execute();
    }

    private static (MerkleFrontier Frontier, byte[] ChainHead) Recover(SqliteDatabase database)
    {
        MerkleFrontier frontier = new();
        byte[] chain = HashChain.Genesis.ToArray();
        using (SqliteCommand snapshot = database.Prepare(LedgerSchema.LatestSnapshot))
        using (SqliteDataReader reader = snapshot.ExecuteReader())
        {
            if (reader.Read())
            {
                long sequence = reader.GetInt64(0);
                byte[] bytes = (byte[])reader.GetValue(1);
                try
                {
                    if (bytes.Length < MerkleHash.Size)
                    {
                        throw new FormatException($"it is {bytes.Length} bytes long, shorter than a chain head");
                    }

                    frontier = MerkleFrontier.FromBytes(bytes.AsSpan(0, bytes.Length - MerkleHash.Size));
                    chain = bytes.AsSpan(bytes.Length - MerkleHash.Size).ToArray();
                }
                catch (FormatException exception)
                {
                    throw Inconsistent(database, $"the ledger snapshot at sequence number {sequence} is malformed: {exception.Message}");
                }

                if (frontier.Size != sequence)
                {
                    throw Inconsistent(database, $"the ledger snapshot at sequence number {sequence} holds a frontier of {frontier.Size} entries");
                }
            }
        }

        using (SqliteCommand leaves = database.Prepare(LedgerSchema.LeavesAfter))
        {
            leaves.Parameters.AddWithValue("$after", frontier.Size);
            using SqliteDataReader reader = leaves.ExecuteReader();
            byte[] leaf = new byte[MerkleHash.Size];
            byte[] stored = new byte[MerkleHash.Size];
            while (reader.Read())
            {
                long sequence = reader.GetInt64(0);
                if (sequence != frontier.Size + 1)
                {
                    throw Inconsistent(database, $"ledger entry {frontier.Size + 1} is missing (the next leaf row is {sequence})");
                }

                if (reader.GetBytes(1, 0, null, 0, 0) != MerkleHash.Size || reader.GetBytes(2, 0, null, 0, 0) != MerkleHash.Size)
                {
                    throw Inconsistent(database, $"ledger entry {sequence} has a leaf or chain hash that is not 32 bytes");
                }

                reader.GetBytes(1, 0, leaf, 0, MerkleHash.Size);
                reader.GetBytes(2, 0, stored, 0, MerkleHash.Size);
                HashChain.Next(chain, leaf, chain);
                if (!stored.AsSpan().SequenceEqual(chain))
                {
                    throw Inconsistent(database, $"the chain link stored for ledger entry {sequence} is not SHA-256(previous link || leaf hash)");
                }

                frontier.Append(leaf);
            }
        }

        using (SqliteCommand highest = database.Prepare("SELECT MAX(sequence_number) FROM ledger_leaf"))
        {
            object? value = highest.ExecuteScalar();
            long rows = value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
            if (rows < frontier.Size)
            {
                throw Inconsistent(database, $"the ledger snapshot covers {frontier.Size} entries but only {rows} remain: its tail was truncated");
            }
        }

        using (SqliteCommand journaled = database.Prepare(LedgerSchema.HighestJournaled))
        {
            object? value = journaled.ExecuteScalar();
            long rows = value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
            if (rows > frontier.Size)
            {
                throw Inconsistent(database, $"the journal holds ledger entry {rows} but the leaf table ends at {frontier.Size}");
            }
        }

        return (frontier, chain);
    }

    private static PersistenceException Inconsistent(SqliteDatabase database, string problem) =>
        new(database.DataSource, $"SQLite database file '{database.DataSource}': {problem}. The ledger will not be extended; run the ledger verifier to locate the damage.");

    private void ReadLastCheckpoint()
    {
        using SqliteCommand last = _database.Prepare(LedgerSchema.LatestCheckpoint);
        using SqliteDataReader reader = last.ExecuteReader();
        if (reader.Read())
        {
            _lastCheckpointSize = reader.GetInt64(0);
            _lastCheckpointAt = reader.GetInt64(1);
        }
        else
        {
            _lastCheckpointAt = _options.Store.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        }
    }

    private long? ScalarInt64(SqliteTransaction transaction, string sql, long? bound)
    {
        using SqliteCommand command = _database.Prepare(sql);
        command.Transaction = transaction;
        if (bound is long value)
        {
            command.Parameters.AddWithValue("$bound", value);
        }

        object? result = command.ExecuteScalar();
        return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        SqliteCommand command = _database.Prepare(sql);
        foreach (string name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
