using BenchmarkDotNet.Attributes;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CodeSight.Benchmarks.Ledger;

/// <summary>
/// Full verification of a 200,000-entry ledger (payload hashes, chain links, checkpoint roots) against the
/// baseline that only reads the same payload rows in the same order and hashes each one. Results:
/// benchmarks/results/ledger-benchmarks.md.
/// </summary>
/// <remarks>
/// 2 cores (AMD EPYC), .NET 10.0.12, shared machine at load average 8-16, ShortRun in-process, per entry
/// (before: Verify 16.249 us, ReadAndHashPayloads 4.387 us, ratio 3.71, on a quieter machine):
/// <code>
/// | Method              | Mean     | Error     | Ratio |
/// | Verify              | 9.252 us | 50.302 us |  1.17 |
/// | ReadAndHashPayloads | 7.983 us | 12.810 us |  1.01 |
/// </code>
/// </remarks>
public class LedgerVerifyBenchmark
{
    private const int Entries = 200_000;

    private string? _path;

    /// <summary>Writes the ledger once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = LedgerBenchmarkData.TempPath("verify.db");
        LedgerBenchmarkData.BuildLedger(_path, Entries);
    }

    /// <summary>Removes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => LedgerBenchmarkData.Delete(_path);

    /// <summary>The verifier.</summary>
    [Benchmark(OperationsPerInvoke = Entries)]
    public long Verify()
    {
        LedgerVerification result = LedgerVerifier.Verify(SqliteStoreOptions.ForFile(_path!));
        return result.IsValid ? result.EntriesChecked : throw new InvalidOperationException(result.ToString());
    }

    /// <summary>
    /// The baseline: read every payload in sequence order and hash it once, SHA-256(0x00 || payload), reading
    /// each blob in place through a native statement as the verifier does.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public long ReadAndHashPayloads()
    {
        using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        sqlite3 db = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v3(db,
            "SELECT sequence_number, payload FROM journal WHERE persistence_id = 'ledger' ORDER BY sequence_number",
            raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt statement), db);
        using (statement)
        {
            Span<byte> hash = stackalloc byte[32];
            long count = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                count += raw.sqlite3_column_int64(statement, 0) > 0 ? 1 : 0;
                MerkleHash.Leaf(raw.sqlite3_column_blob(statement, 1), hash);
            }

            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc, db);
            return count + (hash[0] >= 0 ? 0 : 1);
        }
    }
}
