using System.Buffers;
using BenchmarkDotNet.Attributes;
using CodeSight.Contracts.Observations;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeSight.Benchmarks.Ledger;

/// <summary>
/// Ledger ingest (canonical JSON, leaf hash, chain link, Merkle frontier, checkpoints, journal and leaf rows in
/// one transaction per 4096 entries, synchronous NORMAL) against the baseline: the same rows, already
/// serialised and hashed, inserted in the same batches through the same driver and pragmas. Results:
/// benchmarks/results/ledger-benchmarks.md.
/// </summary>
/// <remarks>
/// 2 cores (AMD EPYC), .NET 10.0.12, shared machine at load average ~10, ShortRun in-process, per observation:
/// <code>
/// | Method           | Mean     | Error     | Ratio | Allocated |
/// | LedgerAppend     | 40.22 us | 116.80 us |  1.20 |   2.15 KB |
/// | RawBatchedInsert | 33.72 us |  48.37 us |  1.00 |   1.36 KB |
/// </code>
/// </remarks>
[MemoryDiagnoser]
public class LedgerIngestBenchmark
{
    private const int Entries = 100_000;

    private List<object> _observations = [];
    private List<(byte[] Payload, byte[] Leaf, byte[] Chain, string? Trail, string Modality, long Timestamp)> _rows = [];
    private string? _path;

    /// <summary>Builds the observations, and for the baseline their payloads and hashes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _observations = LedgerBenchmarkData.Observations(Entries);
        var buffer = new ArrayBufferWriter<byte>();
        byte[] link = HashChain.Genesis.ToArray();
        _rows = new(Entries);
        for (int i = 0; i < Entries; i++)
        {
            var observation = (Observation)_observations[i];
            buffer.ResetWrittenCount();
            LedgerEntryCodec.WriteObservation(i + 1, 1_700_000_000_000, observation, buffer);
            byte[] payload = buffer.WrittenSpan.ToArray();
            byte[] leaf = MerkleHash.Leaf(payload);
            link = HashChain.Next(link, leaf);
            _rows.Add((payload, leaf, link, observation.TrailId?.ToString(), Modalities.WireName(observation.Modality), observation.Timestamp));
        }
    }

    /// <summary>A fresh, empty ledger file (schema created) for every iteration.</summary>
    [IterationSetup]
    public void FreshFile()
    {
        LedgerBenchmarkData.Delete(_path);
        _path = LedgerBenchmarkData.TempPath("ingest.db");
        using (LedgerStore.Open(new LedgerOptions(SqliteStoreOptions.ForFile(_path))))
        {
        }
    }

    /// <summary>Removes the last file.</summary>
    [GlobalCleanup]
    public void Cleanup() => LedgerBenchmarkData.Delete(_path);

    /// <summary>The ledger: serialise, hash, link and journal 100,000 observations.</summary>
    [Benchmark(OperationsPerInvoke = Entries)]
    public long LedgerAppend()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(SqliteStoreOptions.ForFile(_path!)));
        for (int start = 0; start < Entries; start += LedgerBenchmarkData.BatchSize)
        {
            store.Append(_observations.GetRange(start, Math.Min(LedgerBenchmarkData.BatchSize, Entries - start)));
            store.CheckpointIfDue();
        }

        return store.Size;
    }

    /// <summary>The baseline: insert the same journal and leaf rows, precomputed, with nothing hashed.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public long RawBatchedInsert()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        using (SqliteCommand pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
        }

        using SqliteCommand journal = connection.CreateCommand();
        journal.CommandText = "INSERT INTO journal (persistence_id, sequence_number, created, manifest, payload, tags, writer_uuid) " +
            "VALUES ('ledger', $seq, $created, 'codesight.ledger.entry.v1', $payload, NULL, $writer)";
        foreach (string name in new[] { "$seq", "$created", "$payload", "$writer" })
        {
            journal.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        using SqliteCommand leaf = connection.CreateCommand();
        leaf.CommandText = "INSERT INTO ledger_leaf (sequence_number, leaf_hash, chain_hash, kind, trail_id, modality, timestamp) " +
            "VALUES ($seq, $leaf, $chain, 'observation', $trail, $modality, $timestamp)";
        foreach (string name in new[] { "$seq", "$leaf", "$chain", "$trail", "$modality", "$timestamp" })
        {
            leaf.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        string writer = Guid.NewGuid().ToString("D");
        for (int start = 0; start < Entries; start += LedgerBenchmarkData.BatchSize)
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            journal.Transaction = transaction;
            leaf.Transaction = transaction;
            for (int i = start; i < Math.Min(start + LedgerBenchmarkData.BatchSize, Entries); i++)
            {
                var row = _rows[i];
                journal.Parameters[0].Value = i + 1;
                journal.Parameters[1].Value = 1_700_000_000_000;
                journal.Parameters[2].Value = row.Payload;
                journal.Parameters[3].Value = writer;
                journal.ExecuteNonQuery();
                leaf.Parameters[0].Value = i + 1;
                leaf.Parameters[1].Value = row.Leaf;
                leaf.Parameters[2].Value = row.Chain;
                leaf.Parameters[3].Value = (object?)row.Trail ?? DBNull.Value;
                leaf.Parameters[4].Value = row.Modality;
                leaf.Parameters[5].Value = row.Timestamp;
                leaf.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return Entries;
    }
}
