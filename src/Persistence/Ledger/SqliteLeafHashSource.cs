using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// The leaf hashes of the <c>ledger_leaf</c> table as an <see cref="ILeafHashSource"/>, frozen at the size it
/// was created with, so that a <see cref="MerkleTree"/> can build proofs straight from the database. Leaf
/// hashes outlive pruned payloads, so proofs work for pruned entries too.
/// </summary>
internal sealed class SqliteLeafHashSource : ILeafHashSource, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteCommand _read;

    public SqliteLeafHashSource(SqliteDatabase database, long count)
    {
        _database = database;
        Count = count;
        _read = database.Prepare("SELECT leaf_hash FROM ledger_leaf WHERE sequence_number = $seq");
        _read.Parameters.Add(new SqliteParameter { ParameterName = "$seq" });
    }

    public long Count { get; }

    public void CopyLeafHash(long index, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        _read.Parameters[0].Value = index + 1;
        object? value = _database.Run("reading a leaf hash", () => _read.ExecuteScalar());
        if (value is not byte[] { Length: MerkleHash.Size } hash)
        {
            throw new PersistenceException(
                _database.DataSource,
                $"SQLite database file '{_database.DataSource}': the leaf hash of ledger entry {index + 1} is missing or not 32 bytes.");
        }

        hash.CopyTo(destination);
    }

    public void Dispose() => _read.Dispose();
}
