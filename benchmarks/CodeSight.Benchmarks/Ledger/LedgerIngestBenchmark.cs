using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using CodeSight.Actors;
using CodeSight.Contracts.Observations;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CodeSight.Benchmarks.Ledger;

/// <summary>
/// Ledger ingest (canonical JSON, leaf hash, chain link, Merkle frontier, checkpoints, journal and leaf rows in
/// one transaction per 4096 entries, synchronous NORMAL), through the synchronous store and through the
/// persistent ledger actor, against the baseline: the same rows, already serialised and hashed, inserted in the
/// same batches through the same driver, pragmas and native prepared statements. Results:
/// benchmarks/results/ledger-benchmarks.md.
/// </summary>
/// <remarks>
/// 2 cores (AMD EPYC), .NET 10.0.12, shared machine at load average 7-16, ShortRun in-process, per observation
/// (before: LedgerAppend 24.42 us, RawBatchedInsert 16.59 us through Microsoft.Data.Sqlite commands):
/// <code>
/// | Method            | Mean     | Error     | Ratio | Allocated |
/// | LedgerAppend      | 17.36 us |  2.449 us |  0.67 |     173 B |
/// | LedgerActorIngest | 18.57 us | 28.818 us |  0.72 |    1539 B |
/// | RawBatchedInsert  | 25.90 us | 49.981 us |  1.01 |         - |
/// </code>
/// </remarks>
[MemoryDiagnoser]
public class LedgerIngestBenchmark
{
    private const int Entries = 100_000;

    private List<object> _observations = [];
    private List<(byte[] Payload, byte[] Leaf, byte[] Chain, byte[]? Trail, byte[] Modality, long Timestamp)> _rows = [];
    private string? _path;
    private ActorSystem? _system;
    private IActorRef? _ledger;

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
            _rows.Add((payload, leaf, link, observation.TrailId is { } trail ? Encoding.UTF8.GetBytes(trail.ToString()) : null,
                Encoding.UTF8.GetBytes(Modalities.WireName(observation.Modality)), observation.Timestamp));
        }
    }

    /// <summary>A fresh, empty ledger file (schema created) for every iteration.</summary>
    [IterationSetup(Targets = [nameof(LedgerAppend), nameof(RawBatchedInsert)])]
    public void FreshFile()
    {
        LedgerBenchmarkData.Delete(_path);
        _path = LedgerBenchmarkData.TempPath("ingest.db");
        using (LedgerStore.Open(new LedgerOptions(SqliteStoreOptions.ForFile(_path))))
        {
        }
    }

    /// <summary>A fresh file, an actor system and a recovered ledger actor for every iteration of the actor path.</summary>
    [IterationSetup(Target = nameof(LedgerActorIngest))]
    public void FreshLedgerActor()
    {
        FreshFile();
        _system = ActorSystem.Create("ledger-bench");
        _ledger = _system.ActorOf(
            LedgerActor.Create(new LedgerSettings { Path = _path!, MaxBatchSize = LedgerBenchmarkData.BatchSize }, new LedgerCounters()), "ledger");
        _ledger.Ask<LedgerFlushed>(FlushLedger.Instance, TimeSpan.FromSeconds(60)).Wait();
    }

    /// <summary>Stops the iteration's actor system (its final checkpoint is not timed).</summary>
    [IterationCleanup(Target = nameof(LedgerActorIngest))]
    public void StopLedgerActor() => _system?.Terminate().Wait(TimeSpan.FromSeconds(60));

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

    /// <summary>
    /// The ledger as the engine runs it: observations published on the event stream, the persistent
    /// <see cref="LedgerActor"/> encoding and hashing each mailbox pass while its journal writes the previous batch
    /// (leaf rows, snapshot and checkpoints in the journal's transaction); timed until a flush confirms all 100,000.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Entries)]
    public long LedgerActorIngest()
    {
        for (int i = 0; i < Entries; i++)
        {
            _system!.EventStream.Publish(_observations[i]);
        }

        LedgerFlushed flushed = _ledger!.Ask<LedgerFlushed>(FlushLedger.Instance, TimeSpan.FromMinutes(5)).Result;
        return flushed.Size == Entries && flushed.Failed == 0 ? flushed.Size : throw new InvalidOperationException($"ledger ended at {flushed.Size} with {flushed.Failed} failed");
    }

    /// <summary>
    /// The baseline: insert the same journal and leaf rows, precomputed, with nothing hashed, through statements
    /// prepared once on the native handle and bound from spans, as the ledger does (the same driver, pragmas and
    /// batches; Microsoft.Data.Sqlite's command layer would cost more than the inserts themselves).
    /// </summary>
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

        sqlite3 db = connection.Handle!;
        Check(raw.sqlite3_prepare_v3(db,
            "INSERT INTO journal (persistence_id, sequence_number, created, manifest, payload, tags, writer_uuid) " +
            "VALUES ('ledger', ?1, ?2, 'codesight.ledger.entry.v1', ?3, NULL, ?4)", raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt journal), db);
        Check(raw.sqlite3_prepare_v3(db,
            "INSERT INTO ledger_leaf (sequence_number, leaf_hash, chain_hash, kind, trail_id, modality, timestamp) " +
            "VALUES (?1, ?2, ?3, 'observation', ?4, ?5, ?6)", raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt leaf), db);
        using (journal)
        using (leaf)
        {
            byte[] writer = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("D"));
            for (int start = 0; start < Entries; start += LedgerBenchmarkData.BatchSize)
            {
                using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
                for (int i = start; i < Math.Min(start + LedgerBenchmarkData.BatchSize, Entries); i++)
                {
                    var row = _rows[i];
                    raw.sqlite3_bind_int64(journal, 1, i + 1);
                    raw.sqlite3_bind_int64(journal, 2, 1_700_000_000_000);
                    raw.sqlite3_bind_blob(journal, 3, row.Payload);
                    raw.sqlite3_bind_text(journal, 4, writer);
                    Step(journal, db);
                    raw.sqlite3_bind_int64(leaf, 1, i + 1);
                    raw.sqlite3_bind_blob(leaf, 2, row.Leaf);
                    raw.sqlite3_bind_blob(leaf, 3, row.Chain);
                    if (row.Trail is null)
                    {
                        raw.sqlite3_bind_null(leaf, 4);
                    }
                    else
                    {
                        raw.sqlite3_bind_text(leaf, 4, row.Trail);
                    }

                    raw.sqlite3_bind_text(leaf, 5, row.Modality);
                    raw.sqlite3_bind_int64(leaf, 6, row.Timestamp);
                    Step(leaf, db);
                }

                transaction.Commit();
            }
        }

        return Entries;
    }

    private static void Step(sqlite3_stmt statement, sqlite3 db)
    {
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static void Check(int rc, sqlite3 db) => SqliteException.ThrowExceptionForRC(rc, db);
}
