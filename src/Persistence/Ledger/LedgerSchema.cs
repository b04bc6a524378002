namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The ledger's own tables, beside the journal and snapshot tables of <see cref="Sqlite.SqliteSchema"/>. Every
/// statement is idempotent so that opening an existing ledger changes nothing. Layout documented in docs/ledger.md.
/// </summary>
internal static class LedgerSchema
{
    /// <summary>The persistence id under which every ledger entry is journaled.</summary>
    public const string PersistenceId = "ledger";

    /// <summary>The journal manifest of a ledger entry: canonical JSON, entry format 1.</summary>
    public const string EntryManifest = "codesight.ledger.entry.v1";

    /// <summary>The snapshot manifest: a serialised Merkle frontier followed by the 32-byte chain head.</summary>
    public const string SnapshotManifest = "codesight.ledger.frontier.v1";

    public const string Create =
        """
        CREATE TABLE IF NOT EXISTS ledger_leaf (
            sequence_number INTEGER PRIMARY KEY,
            leaf_hash       BLOB    NOT NULL,
            chain_hash      BLOB    NOT NULL,
            kind            TEXT    NOT NULL,
            trail_id        TEXT    NULL,
            modality        TEXT    NULL,
            timestamp       INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ledger_leaf_trail ON ledger_leaf (trail_id) WHERE trail_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS ledger_checkpoint (
            tree_size  INTEGER PRIMARY KEY,
            root       BLOB    NOT NULL,
            chain_head BLOB    NOT NULL,
            created    INTEGER NOT NULL,
            public_key BLOB    NULL,
            signature  BLOB    NULL
        );
        CREATE TABLE IF NOT EXISTS ledger_retention (
            id             INTEGER PRIMARY KEY CHECK (id = 1),
            pruned_through INTEGER NOT NULL
        );
        """;

    public const string LeafTableExists =
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ledger_leaf'";

    public const string InsertJournal =
        "INSERT INTO journal (persistence_id, sequence_number, created, manifest, payload, tags, writer_uuid) " +
        "VALUES ('" + PersistenceId + "', $seq, $created, '" + EntryManifest + "', $payload, NULL, $writer)";

    public const string InsertLeaf =
        "INSERT INTO ledger_leaf (sequence_number, leaf_hash, chain_hash, kind, trail_id, modality, timestamp) " +
        "VALUES ($seq, $leaf, $chain, $kind, $trail, $modality, $timestamp)";

    public const string InsertCheckpoint =
        "INSERT OR REPLACE INTO ledger_checkpoint (tree_size, root, chain_head, created, public_key, signature) " +
        "VALUES ($size, $root, $chain, $created, $key, $signature)";

    public const string InsertSnapshot =
        "INSERT OR REPLACE INTO snapshot (persistence_id, sequence_number, created, manifest, snapshot) " +
        "VALUES ('" + PersistenceId + "', $seq, $created, '" + SnapshotManifest + "', $snapshot)";

    // The previous batch's snapshot goes once a newer one exists, unless a checkpoint was taken at its size.
    public const string DropSupersededSnapshot =
        "DELETE FROM snapshot WHERE persistence_id = '" + PersistenceId + "' AND manifest = '" + SnapshotManifest +
        "' AND sequence_number = $seq AND sequence_number NOT IN (SELECT tree_size FROM ledger_checkpoint)";

    public const string LatestSnapshot =
        "SELECT sequence_number, snapshot FROM snapshot WHERE persistence_id = '" + PersistenceId + "' AND manifest = '" +
        SnapshotManifest + "' ORDER BY sequence_number DESC LIMIT 1";

    public const string LatestCheckpoint =
        "SELECT tree_size, created FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1";

    public const string LeavesAfter =
        "SELECT sequence_number, leaf_hash, chain_hash FROM ledger_leaf WHERE sequence_number > $after ORDER BY sequence_number";

    public const string HighestJournaled =
        "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = '" + PersistenceId + "'";

    public const string PrunedThrough = "SELECT pruned_through FROM ledger_retention WHERE id = 1";
}
