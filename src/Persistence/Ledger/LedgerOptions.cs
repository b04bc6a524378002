using System.Security.Cryptography;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>How a <see cref="LedgerStore"/> opens its database and when it writes checkpoints.</summary>
/// <param name="Store">The SQLite database (file, durability, size limit, clock).</param>
public sealed record LedgerOptions(SqliteStoreOptions Store)
{
    /// <summary>Write a checkpoint once this many entries were appended since the last one; 10,000 unless set.</summary>
    public long CheckpointEvery { get; init; } = 10_000;

    /// <summary>
    /// Write a checkpoint when <see cref="LedgerStore.CheckpointIfDue"/> runs this long after the last one and
    /// entries were appended since; 10 seconds unless set.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An ECDSA P-256 key that signs every checkpoint (see <see cref="LedgerSigningKey"/>), or
    /// <see langword="null"/> for unsigned checkpoints. The store does not dispose it.
    /// </summary>
    public ECDsa? SigningKey { get; init; }
}
