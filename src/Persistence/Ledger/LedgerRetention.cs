using System.Globalization;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Deletes the payloads of the oldest ledger entries (always a prefix of the sequence) and records how far in
/// <c>ledger_retention.pruned_through</c>, in one transaction; leaf rows stay, so everything still verifies.
/// </summary>
internal static class LedgerRetention
{
    private const string LastBefore =
        "SELECT MAX(sequence_number) FROM journal WHERE persistence_id = '" + LedgerSchema.PersistenceId + "' AND created < $bound";

    private const string DeleteThrough =
        "DELETE FROM journal WHERE persistence_id = '" + LedgerSchema.PersistenceId + "' AND sequence_number <= $bound";

    private const string Mark =
        "INSERT INTO ledger_retention (id, pruned_through) VALUES (1, $bound) ON CONFLICT (id) DO UPDATE SET pruned_through = excluded.pruned_through";

    /// <summary>Prunes the payloads journaled before <paramref name="olderThan"/>.</summary>
    /// <exception cref="PersistenceException">The database refused the deletion.</exception>
    public static LedgerPruneResult Prune(SqliteDatabase database, DateTimeOffset olderThan)
    {
        long bound = olderThan.ToUnixTimeMilliseconds();
        return database.Run("pruning ledger payloads", () =>
        {
            using SqliteTransaction transaction = database.Connection.BeginTransaction(deferred: false);
            long previous = Scalar(database, transaction, LedgerSchema.PrunedThrough, null) ?? 0;
            long through = Scalar(database, transaction, LastBefore, bound) ?? 0;
            if (through <= previous)
            {
                transaction.Commit();
                return new LedgerPruneResult(previous, 0);
            }

            int removed = Execute(database, transaction, DeleteThrough, through);
            Execute(database, transaction, Mark, through);
            transaction.Commit();
            return new LedgerPruneResult(through, removed);
        });
    }

    private static long? Scalar(SqliteDatabase database, SqliteTransaction transaction, string sql, long? bound)
    {
        using SqliteCommand command = Command(database, transaction, sql, bound);
        object? result = command.ExecuteScalar();
        return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    private static int Execute(SqliteDatabase database, SqliteTransaction transaction, string sql, long bound)
    {
        using SqliteCommand command = Command(database, transaction, sql, bound);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteDatabase database, SqliteTransaction transaction, string sql, long? bound)
    {
        SqliteCommand command = database.Prepare(sql);
        command.Transaction = transaction;
        if (bound is long value)
        {
            command.Parameters.AddWithValue("$bound", value);
        }

        return command;
    }
}
