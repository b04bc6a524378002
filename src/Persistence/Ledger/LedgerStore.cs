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
    private readonly LedgerItemEncoder _encoder = new();
    private readonly byte[] _writerUuidUtf8;
    private readonly SqliteStatement _insertJournal;
    private readonly LedgerRowWriter _rows;
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
        _rows = new LedgerRowWriter(database);
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
            CreateTables(database);

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

    /// <summary>Creates the ledger's tables beside the journal's, if they are not there yet.</summary>
    internal static void CreateTables(SqliteDatabase database) =>
        database.Run("creating the ledger tables", () =>
        {
            using SqliteTransaction transaction = database.Connection.BeginTransaction(deferred: false);
            using SqliteCommand create = database.Prepare(LedgerSchema.Create);
            create.Transaction = transaction;
            create.ExecuteNonQuery();
            transaction.Commit();
        });

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
        LedgerItemEncoder.Require(items, nameof(items));

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
                if (!_encoder.TryEncode(item, first + appended, created, out EntryIndex index, out string? rejection))
                {
                    rejected++;
                    firstRejection ??= rejection;
                    continue;
                }

                ReadOnlySpan<byte> payload = _encoder.Payload;
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

                _rows.WriteSnapshot(new LedgerSnapshot(next, link), created, previousSize: first - 1);
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
            _rows.WriteCheckpoint(checkpoint);
            _rows.WriteSnapshot(new LedgerSnapshot(_frontier, _chainHead), created, previousSize: Size);
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
        return LedgerRetention.Prune(_database, olderThan);
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
        _rows.Dispose();
        _database.Dispose();
    }

    private void Insert(long sequence, long created, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> leaf, byte[] link, in EntryIndex index)
    {
        _insertJournal.Bind(1, sequence);
        _insertJournal.Bind(2, created);
        _insertJournal.BindBlob(3, payload);
        _insertJournal.BindUtf8(4, _writerUuidUtf8);
        _insertJournal.Execute();

        _rows.InsertLeaf(sequence, leaf, link, index);
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
                    LedgerSnapshot stored = LedgerSnapshot.FromBytes(bytes);
                    frontier = stored.Frontier;
                    chain = stored.ChainHead;
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
}
