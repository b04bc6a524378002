using System.Buffers;
using System.Globalization;
using System.Text;
using CodeSight.Contracts.Ids;
using CodeSight.Contracts.Observations;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The reading side of the ledger, on a read-only connection: entries by trail, modality, time and sequence
/// range; NDJSON exports; replay of a trail into probes; checkpoints; and inclusion and consistency proofs
/// served from the stored leaf hashes. Sees the ledger as it was when opened (its <see cref="Size"/>) for proofs;
/// queries read the current rows. Not thread-safe.
/// </summary>
public sealed class LedgerReader : IDisposable
{
    private const string EntryColumns =
        "SELECT l.sequence_number, l.kind, l.trail_id, l.modality, l.timestamp, l.leaf_hash, l.chain_hash, j.payload " +
        "FROM ledger_leaf l LEFT JOIN journal j ON j.persistence_id = '" + LedgerSchema.PersistenceId + "' AND j.sequence_number = l.sequence_number";

    private readonly SqliteDatabase _database;
    private readonly SqliteLeafHashSource _leaves;
    private readonly MerkleTree _tree;

    private LedgerReader(SqliteDatabase database, long size)
    {
        _database = database;
        _leaves = new SqliteLeafHashSource(database, size);
        _tree = new MerkleTree(_leaves);
    }

    /// <summary>Number of entries when the reader was opened; proofs and roots are available up to it.</summary>
    public long Size => _leaves.Count;

    /// <summary>Opens the ledger in an existing database, read-only.</summary>
    /// <param name="store">The database.</param>
    /// <exception cref="PersistenceException">The file is missing, unreadable, not SQLite, or holds no ledger.</exception>
    public static LedgerReader Open(SqliteStoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        SqliteDatabase database = SqliteDatabase.OpenReadOnly(store);
        try
        {
            long size = database.Run("opening the ledger", () =>
            {
                RequireLedgerTables(database);
                using SqliteCommand count = database.Prepare("SELECT COALESCE(MAX(sequence_number), 0) FROM ledger_leaf");
                return Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            });
            return new LedgerReader(database, size);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The Merkle root of the first <paramref name="treeSize"/> entries.</summary>
    /// <param name="treeSize">Between 0 and <see cref="Size"/>.</param>
    public byte[] Root(long treeSize) => _tree.RootAt(treeSize);

    /// <summary>Inclusion proof for entry <paramref name="sequence"/> in the tree of the first <paramref name="treeSize"/> entries.</summary>
    /// <param name="sequence">The entry, from 1 to <paramref name="treeSize"/>.</param>
    /// <param name="treeSize">The tree size, at most <see cref="Size"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The entry or the size lies outside the ledger; the message gives the valid range.</exception>
    public LedgerInclusionProof InclusionProof(long sequence, long treeSize)
    {
        if (treeSize < 1 || treeSize > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(treeSize), treeSize, $"Tree size must be in [1, {Size}], the entries this ledger holds.");
        }

        if (sequence < 1 || sequence > treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Sequence number must be in [1, {treeSize}] for a tree of {treeSize} entries.");
        }

        byte[] leaf = new byte[MerkleHash.Size];
        _leaves.CopyLeafHash(sequence - 1, leaf);
        return new LedgerInclusionProof(sequence, treeSize, leaf, _tree.RootAt(treeSize), _tree.InclusionProof(sequence - 1, treeSize));
    }

    /// <summary>Consistency proof from the ledger of <paramref name="firstSize"/> entries to the ledger of <paramref name="secondSize"/>.</summary>
    /// <param name="firstSize">The earlier size, 0 to <paramref name="secondSize"/>.</param>
    /// <param name="secondSize">The later size, at most <see cref="Size"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size lies outside the ledger or the sizes are out of order.</exception>
    public LedgerConsistencyProof ConsistencyProof(long firstSize, long secondSize)
    {
        if (secondSize < 0 || secondSize > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(secondSize), secondSize, $"The second tree size must be in [0, {Size}].");
        }

        if (firstSize < 0 || firstSize > secondSize)
        {
            throw new ArgumentOutOfRangeException(nameof(firstSize), firstSize, $"The first tree size must be in [0, {secondSize}].");
        }

        return new LedgerConsistencyProof(
            firstSize, secondSize, _tree.RootAt(firstSize), _tree.RootAt(secondSize), _tree.ConsistencyProof(firstSize, secondSize));
    }

    /// <summary>Every checkpoint, oldest first.</summary>
    public IReadOnlyList<LedgerCheckpoint> Checkpoints() =>
        _database.Run("reading ledger checkpoints", () => ReadCheckpoints(_database, null));

    /// <summary>The entries <paramref name="query"/> selects, in sequence order.</summary>
    /// <param name="query">The conditions.</param>
    public IReadOnlyList<LedgerEntry> Query(LedgerQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _database.Run("querying the ledger", () =>
        {
            using SqliteCommand command = Build(query);
            using SqliteDataReader reader = command.ExecuteReader();
            var entries = new List<LedgerEntry>();
            while (reader.Read())
            {
                entries.Add(new LedgerEntry(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetInt64(4),
                    (byte[])reader.GetValue(5),
                    (byte[])reader.GetValue(6),
                    reader.IsDBNull(7) ? null : (byte[])reader.GetValue(7)));
            }

            return entries;
        });
    }

    /// <summary>
    /// Writes the selected probe entries as NDJSON close records (the schema of docs/ndjson.md), one per line;
    /// pruned entries are skipped. Returns the number of lines written.
    /// </summary>
    /// <param name="query">The conditions; its <see cref="LedgerQuery.Kind"/> is replaced by probes.</param>
    /// <param name="output">Receives UTF-8 lines.</param>
    public int ExportProbes(LedgerQuery query, Stream output)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ArrayBufferWriter<byte>(1024);
        int lines = 0;
        foreach (LedgerEntry entry in Query(query with { Kind = LedgerEntryKinds.Probe }))
        {
            if (entry.Payload is null)
            {
                continue;
            }

            buffer.ResetWrittenCount();
            TraceRecordCodec.WriteLine(buffer, TraceRecordCodec.Deserialize(LedgerEntryCodec.ReadRecord(entry.Payload)));
            output.Write(buffer.WrittenSpan);
            lines++;
        }

        return lines;
    }

    /// <summary>
    /// Writes the selected observation entries as NDJSON, one canonical entry per line, byte for byte as stored:
    /// SHA-256 of 0x00 followed by a line (without its newline) is that entry's leaf hash. Pruned entries are
    /// skipped. Returns the number of lines written.
    /// </summary>
    /// <param name="query">The conditions; its <see cref="LedgerQuery.Kind"/> is replaced by observations.</param>
    /// <param name="output">Receives UTF-8 lines.</param>
    public int ExportObservations(LedgerQuery query, Stream output)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        int lines = 0;
        foreach (LedgerEntry entry in Query(query with { Kind = LedgerEntryKinds.Observation }))
        {
            if (entry.Payload is null)
            {
                continue;
            }

            output.Write(entry.Payload);
            output.WriteByte((byte)'\n');
            lines++;
        }

        return lines;
    }

    /// <summary>The closed probes of a trail, in the order the ledger recorded them (times at millisecond precision).</summary>
    /// <param name="trail">The trail.</param>
    public IReadOnlyList<Probe> ReplayTrail(TrailId trail) =>
        Query(new LedgerQuery { TrailId = trail, Kind = LedgerEntryKinds.Probe })
            .Where(entry => entry.Payload is not null)
            .Select(entry => LedgerEntryCodec.ReadProbe(entry.Payload))
            .ToList();

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        _leaves.Dispose();
        _database.Dispose();
    }

    internal static void RequireLedgerTables(SqliteDatabase database)
    {
        using SqliteCommand exists = database.Prepare(LedgerSchema.LeafTableExists);
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            throw new PersistenceException(
                database.DataSource,
                $"SQLite database file '{database.DataSource}' holds no ledger: table ledger_leaf is missing.");
        }
    }

    internal static List<LedgerCheckpoint> ReadCheckpoints(SqliteDatabase database, SqliteTransaction? transaction)
    {
        using SqliteCommand command = database.Prepare(
            "SELECT tree_size, root, chain_head, created, public_key, signature FROM ledger_checkpoint ORDER BY tree_size");
        command.Transaction = transaction;
        using SqliteDataReader reader = command.ExecuteReader();
        var checkpoints = new List<LedgerCheckpoint>();
        while (reader.Read())
        {
            checkpoints.Add(new LedgerCheckpoint(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? [] : (byte[])reader.GetValue(1),
                reader.IsDBNull(2) ? [] : (byte[])reader.GetValue(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4),
                reader.IsDBNull(5) ? null : (byte[])reader.GetValue(5)));
        }

        return checkpoints;
    }

    private SqliteCommand Build(LedgerQuery query)
    {
        SqliteCommand command = _database.Prepare(string.Empty);
        var where = new StringBuilder();
        void Add(string condition, string name, object value)
        {
            where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (query.Kind is not null)
        {
            Add("l.kind = $kind", "$kind", query.Kind);
        }

        if (query.TrailId is TrailId trail)
        {
            Add("l.trail_id = $trail", "$trail", trail.ToString());
        }

        if (query.Modality is Modality modality)
        {
            Add("l.modality = $modality", "$modality", Modalities.WireName(modality));
        }

        if (query.FromTimestamp is long fromTime)
        {
            Add("l.timestamp >= $fromTime", "$fromTime", fromTime);
        }

        if (query.ToTimestamp is long toTime)
        {
            Add("l.timestamp <= $toTime", "$toTime", toTime);
        }

        if (query.FromSequence is long fromSequence)
        {
            Add("l.sequence_number >= $fromSequence", "$fromSequence", fromSequence);
        }

        if (query.ToSequence is long toSequence)
        {
            Add("l.sequence_number <= $toSequence", "$toSequence", toSequence);
        }

        string limit = query.Limit is int max ? " LIMIT " + Math.Max(0, max).ToString(CultureInfo.InvariantCulture) : string.Empty;
        command.CommandText = EntryColumns + where + " ORDER BY l.sequence_number" + limit;
        return command;
    }
}
