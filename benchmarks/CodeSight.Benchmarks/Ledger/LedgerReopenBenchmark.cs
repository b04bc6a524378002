using BenchmarkDotNet.Attributes;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Sqlite;

namespace CodeSight.Benchmarks.Ledger;

/// <summary>
/// Reopening a 1,000,000-entry ledger (default checkpoint every 10,000 entries, so recovery starts from the
/// newest frontier snapshot) and committing the next append. Goal: at most 100 ms. Results:
/// benchmarks/results/ledger-benchmarks.md.
/// </summary>
/// <remarks>
/// 2 cores (AMD EPYC), .NET 10.0.12, quiet machine (2026-12-06), ShortRun in-process; every batch now writes
/// its own frontier snapshot, so reopening re-links no rows (29.67 ms in session 1, at load average 13-19):
/// <code>
/// | Method          | Mean     | Error     |
/// | ReopenAndAppend | 2.262 ms | 0.8804 ms |
/// </code>
/// </remarks>
public class LedgerReopenBenchmark
{
    private const int Entries = 1_000_000;

    private readonly List<object> _next = [LedgerBenchmarkData.Observation(Entries)];
    private string? _path;

    /// <summary>Writes the ledger once. Checkpoints fall on batch boundaries, so the newest lies within the last 12,288 entries.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = LedgerBenchmarkData.TempPath("reopen.db");
        LedgerBenchmarkData.BuildLedger(_path, Entries);
    }

    /// <summary>Removes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => LedgerBenchmarkData.Delete(_path);

    /// <summary>Open, resume the tree and chain, append one entry, close.</summary>
    [Benchmark]
    public long ReopenAndAppend()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(SqliteStoreOptions.ForFile(_path!)));
        return store.Append(_next).LastSequence;
    }
}
