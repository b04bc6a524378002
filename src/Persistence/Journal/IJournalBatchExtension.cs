using CodeSight.Persistence.Sqlite;

namespace CodeSight.Persistence.Journal;

/// <summary>
/// Rows of its own that a store writes beside a journal's events, in the same transaction: whatever the
/// journal commits, the extension's rows commit with it, and a batch the journal or the extension refuses
/// leaves no row of either. The ledger writes its leaf hashes, query index, recovery snapshot and checkpoints
/// this way. Called only from the journal's thread.
/// </summary>
internal interface IJournalBatchExtension : IDisposable
{
    /// <summary>The journal opened <paramref name="database"/>; prepare statements on its connection.</summary>
    void Attach(SqliteDatabase database);

    /// <summary>
    /// Writes the extension's rows for <paramref name="writes"/>, inside the batch's open transaction, after the
    /// journal rows. Throwing (a <see cref="Microsoft.Data.Sqlite.SqliteException"/> or a
    /// <see cref="PersistenceException"/>) rolls the whole batch back.
    /// </summary>
    void Write(IReadOnlyList<JournalWrite> writes);

    /// <summary>The batch of the last <see cref="Write"/> committed.</summary>
    void Committed();

    /// <summary>The batch of the last <see cref="Write"/> (if it was called) was rolled back.</summary>
    void RolledBack();
}
