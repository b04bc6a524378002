using CodeSight.Contracts.Ids;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Writes the ledger's own rows beside the journal's, through statements prepared once on the writer's
/// connection: an entry's leaf row (hashes and query index), the recovery snapshot (Merkle frontier and chain
/// head) that replaces the previous batch's, and checkpoints. The caller owns the transaction; both the
/// <see cref="LedgerStore"/> and the ledger's journal extension write through one of these.
/// </summary>
internal sealed class LedgerRowWriter : IDisposable
{
    private readonly SqliteStatement _insertLeaf;
    private readonly SqliteStatement _insertSnapshot;
    private readonly SqliteStatement _dropSnapshot;
    private readonly SqliteStatement _insertCheckpoint;

    public LedgerRowWriter(SqliteDatabase database)
    {
        _insertLeaf = new SqliteStatement(database.Connection, LedgerSchema.InsertLeaf);
        _insertSnapshot = new SqliteStatement(database.Connection, LedgerSchema.InsertSnapshot);
        _dropSnapshot = new SqliteStatement(database.Connection, LedgerSchema.DropSupersededSnapshot);
        _insertCheckpoint = new SqliteStatement(database.Connection, LedgerSchema.InsertCheckpoint);
    }

    public void InsertLeaf(long sequence, ReadOnlySpan<byte> leaf, ReadOnlySpan<byte> chain, in EntryIndex index)
    {
        _insertLeaf.Bind(1, sequence);
        _insertLeaf.BindBlob(2, leaf);
        _insertLeaf.BindBlob(3, chain);
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

    /// <summary>
    /// Writes the snapshot at <paramref name="snapshot"/>'s size and drops the one at <paramref name="previousSize"/>
    /// (unless a checkpoint was taken there), so reopening resumes the tree and chain without re-linking a row.
    /// </summary>
    public void WriteSnapshot(LedgerSnapshot snapshot, long created, long previousSize)
    {
        _insertSnapshot.Bind(1, snapshot.Size);
        _insertSnapshot.Bind(2, created);
        _insertSnapshot.BindBlob(3, snapshot.ToBytes());
        _insertSnapshot.Execute();
        if (previousSize != snapshot.Size)
        {
            _dropSnapshot.Bind(1, previousSize);
            _dropSnapshot.Execute();
        }
    }

    public void WriteCheckpoint(LedgerCheckpoint checkpoint)
    {
        _insertCheckpoint.Bind(1, checkpoint.TreeSize);
        _insertCheckpoint.BindBlob(2, checkpoint.Root);
        _insertCheckpoint.BindBlob(3, checkpoint.ChainHead);
        _insertCheckpoint.Bind(4, checkpoint.Created);
        BindOptional(5, checkpoint.PublicKey);
        BindOptional(6, checkpoint.Signature);
        _insertCheckpoint.Execute();
    }

    public void Dispose()
    {
        _insertLeaf.Dispose();
        _insertSnapshot.Dispose();
        _dropSnapshot.Dispose();
        _insertCheckpoint.Dispose();
    }

    private void BindOptional(int index, byte[]? value)
    {
        if (value is null)
        {
            _insertCheckpoint.BindNull(index);
        }
        else
        {
            _insertCheckpoint.BindBlob(index, value);
        }
    }
}
