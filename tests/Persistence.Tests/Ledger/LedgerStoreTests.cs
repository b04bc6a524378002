using System.Security.Cryptography;
using System.Text;
using CodeSight.Persistence.Canonical;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

public sealed class LedgerStoreTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void AppendsEntriesWithConsecutiveSequenceNumbersFromOne()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options));

        LedgerAppendResult first = store.Append(LedgerSamples.Observations(3));
        LedgerAppendResult second = store.Append([LedgerSamples.Probe(0)]);

        Assert.Equal((1L, 3, 3L), (first.FirstSequence, first.Appended, first.LastSequence));
        Assert.Equal((4L, 1), (second.FirstSequence, second.Appended));
        Assert.Equal(4, store.Size);
        Assert.Equal(4L, _file.Scalar("SELECT COUNT(*) FROM journal WHERE persistence_id = 'ledger'"));
        Assert.Equal(4L, _file.Scalar("SELECT MAX(sequence_number) FROM ledger_leaf"));
    }

    [Fact]
    public void RecordsTheLeafHashAndChainLinkOfEveryCanonicalPayload()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options));
        store.Append(LedgerSamples.Observations(5));

        byte[] link = HashChain.Genesis.ToArray();
        var leaves = new LeafHashList();
        using SqliteConnection raw = _file.OpenRaw();
        using SqliteCommand command = raw.CreateCommand();
        command.CommandText = "SELECT j.payload, l.leaf_hash, l.chain_hash FROM journal j JOIN ledger_leaf l USING (sequence_number) ORDER BY sequence_number";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            byte[] payload = (byte[])reader[0];
            Assert.Equal(payload, CanonicalJson.Canonicalize(Encoding.UTF8.GetString(payload)));
            Assert.Equal(MerkleHash.Leaf(payload), (byte[])reader[1]);
            HashChain.Next(link, MerkleHash.Leaf(payload), link);
            Assert.Equal(link, (byte[])reader[2]);
            leaves.AddPayload(payload);
        }

        Assert.Equal(5, leaves.Count);
        Assert.Equal(link, store.ChainHead());
        Assert.Equal(new MerkleTree(leaves).Root(), store.Root());
    }

    [Fact]
    public void ResumesTheTreeAndTheChainAfterReopening()
    {
        byte[] rootBefore;
        using (LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options) { CheckpointEvery = 4 }))
        {
            store.Append(LedgerSamples.Observations(6));
            Assert.NotNull(store.CheckpointIfDue());
            store.Append(LedgerSamples.Observations(4));
            rootBefore = store.Root();
        }

        using (LedgerStore reopened = LedgerStore.Open(new LedgerOptions(_file.Options) { CheckpointEvery = 4 }))
        {
            Assert.Equal(10, reopened.Size);
            Assert.Equal(rootBefore, reopened.Root());
            Assert.Equal(11, reopened.Append([LedgerSamples.Probe(1)]).FirstSequence);
        }

        Assert.True(LedgerVerifier.Verify(_file.Options).IsValid);
    }

    [Fact]
    public void ReopensFromTheSnapshotWithoutReadingTheLeavesBeforeIt()
    {
        using (LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options)))
        {
            store.Append(LedgerSamples.Observations(6));
            store.Checkpoint();
            store.Append(LedgerSamples.Observations(2));
        }

        // Every batch leaves a snapshot (the previous batch's is replaced; the checkpoint's stays).
        Assert.Equal(new long[] { 6, 8 }, SnapshotSizes());

        // A damaged link before the snapshot is the verifier's business; reopening must not even look at it.
        _file.Scalar("UPDATE ledger_leaf SET chain_hash = zeroblob(32) WHERE sequence_number IN (3, 8)");
        using (LedgerStore reopened = LedgerStore.Open(new LedgerOptions(_file.Options)))
        {
            Assert.Equal(8, reopened.Size);
        }
    }

    [Fact]
    public void RelinksAndChecksEveryRowAfterTheNewestSnapshotItFinds()
    {
        using (LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options)))
        {
            store.Append(LedgerSamples.Observations(6));
            store.Checkpoint();
            store.Append(LedgerSamples.Observations(2));
        }

        _file.Scalar("DELETE FROM snapshot WHERE sequence_number = 8");
        using (LedgerStore reopened = LedgerStore.Open(new LedgerOptions(_file.Options)))
        {
            Assert.Equal(8, reopened.Size);
        }

        _file.Scalar("DELETE FROM snapshot WHERE sequence_number = 8; UPDATE ledger_leaf SET chain_hash = zeroblob(32) WHERE sequence_number = 8");
        var error = Assert.Throws<PersistenceException>(() => LedgerStore.Open(new LedgerOptions(_file.Options)));
        Assert.Contains("ledger entry 8", error.Message, StringComparison.Ordinal);
    }

    private long[] SnapshotSizes()
    {
        using SqliteConnection raw = _file.OpenRaw();
        using SqliteCommand command = raw.CreateCommand();
        command.CommandText = "SELECT sequence_number FROM snapshot ORDER BY sequence_number";
        using SqliteDataReader reader = command.ExecuteReader();
        var sizes = new List<long>();
        while (reader.Read())
        {
            sizes.Add(reader.GetInt64(0));
        }

        return sizes.ToArray();
    }

    [Fact]
    public void RefusesToReopenALedgerWhoseTailWasCutBelowItsSnapshot()
    {
        using (LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options)))
        {
            store.Append(LedgerSamples.Observations(6));
            store.Checkpoint();
        }

        _file.Scalar("DELETE FROM ledger_leaf WHERE sequence_number > 4; DELETE FROM journal WHERE sequence_number > 4");

        var error = Assert.Throws<PersistenceException>(() => LedgerStore.Open(new LedgerOptions(_file.Options)));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipsItemsWithNoCanonicalFormWithoutSpendingASequenceNumber()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options));
        var broken = LedgerSamples.Observation(1) with { Context = new Dictionary<string, object?> { ["ratio"] = double.NaN } };

        LedgerAppendResult result = store.Append([LedgerSamples.Observation(0), broken, LedgerSamples.Observation(2)]);

        Assert.Equal((2, 1), (result.Appended, result.Rejected));
        Assert.Contains("$.context.ratio", result.FirstRejection, StringComparison.Ordinal);
        Assert.Equal(2L, _file.Scalar("SELECT MAX(sequence_number) FROM ledger_leaf"));
    }

    [Fact]
    public void NamesTheIndexOfAnItemOfTheWrongType()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options));

        var error = Assert.Throws<ArgumentException>(() => store.Append([LedgerSamples.Observation(0), "text"]));

        Assert.Contains("item 1 of 2 is a String", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Size);
    }

    [Fact]
    public void KeepsNothingOfABatchTheFullDatabaseRefusesAndCarriesOnAfterwards()
    {
        var options = new LedgerOptions(_file.Options with { MaxDatabaseBytes = 96 * 1024 });
        using LedgerStore store = LedgerStore.Open(options);
        store.Append(LedgerSamples.Observations(10));
        byte[] root = store.Root();

        var error = Assert.Throws<PersistenceException>(() => store.Append(LedgerSamples.Observations(5000)));

        Assert.Contains("size limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, store.Size);
        Assert.Equal(root, store.Root());
        Assert.Equal(11, store.Append(LedgerSamples.Observations(1)).FirstSequence);
        Assert.True(LedgerVerifier.Verify(_file.Options).IsValid);
    }

    [Fact]
    public void WritesADueCheckpointOnceNEntriesHaveAccumulated()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options) { CheckpointEvery = 5, CheckpointInterval = TimeSpan.FromHours(1) });

        store.Append(LedgerSamples.Observations(3));
        Assert.Null(store.CheckpointIfDue());
        store.Append(LedgerSamples.Observations(3));

        Assert.Equal(6, store.CheckpointIfDue()?.TreeSize);
        Assert.Equal(6, store.LastCheckpointSize);
        Assert.Equal(6L, _file.Scalar("SELECT tree_size FROM ledger_checkpoint"));
        Assert.Equal(store.Root(), (byte[])_file.Scalar("SELECT root FROM ledger_checkpoint")!);
    }

    [Fact]
    public void WritesADueCheckpointOnlyAfterTheIntervalAndOnlyWhenEntriesArrived()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var options = new LedgerOptions(_file.Options with { Clock = clock }) { CheckpointInterval = TimeSpan.FromSeconds(10) };
        using LedgerStore store = LedgerStore.Open(options);
        store.Append(LedgerSamples.Observations(2));

        Assert.Null(store.CheckpointIfDue());
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(2, store.CheckpointIfDue()?.TreeSize);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Null(store.CheckpointIfDue());
    }

    [Fact]
    public void SignsCheckpointsOverTheDocumentedMessage()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options with { Clock = clock }) { SigningKey = key });
        store.Append(LedgerSamples.Observations(3));

        LedgerCheckpoint checkpoint = store.Checkpoint();

        string expected = $"codesight-ledger-checkpoint-v1\n3\n{Convert.ToHexStringLower(store.Root())}\n{Convert.ToHexStringLower(store.ChainHead())}\n1700000000000\n";
        Assert.Equal(expected, Encoding.ASCII.GetString(checkpoint.SignedMessage()));
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(expected), (byte[])_file.Scalar("SELECT signature FROM ledger_checkpoint")!,
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), (byte[])_file.Scalar("SELECT public_key FROM ledger_checkpoint")!);
    }

    [Fact]
    public void PrunesOldPayloadsButKeepsTheirHashes()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options with { Clock = clock }));
        store.Append(LedgerSamples.Observations(4));
        clock.Advance(TimeSpan.FromHours(1));
        store.Append(LedgerSamples.Observations(3));
        store.Checkpoint();

        LedgerPruneResult pruned = store.Prune(clock.GetUtcNow() - TimeSpan.FromMinutes(30));

        Assert.Equal((4L, 4), (pruned.PrunedThrough, pruned.PayloadsRemoved));
        Assert.Equal(3L, _file.Scalar("SELECT COUNT(*) FROM journal"));
        Assert.Equal(7L, _file.Scalar("SELECT COUNT(*) FROM ledger_leaf"));
        LedgerVerification verification = LedgerVerifier.Verify(_file.Options);
        Assert.True(verification.IsValid, verification.ToString());
        Assert.Equal((7L, 4L, 3L), (verification.EntriesChecked, verification.PrunedEntries, verification.PayloadsHashed));
    }

    [Fact]
    public void RefusesAFileThatIsNotASqliteDatabase()
    {
        byte[] garbage = new byte[8192];
        new Random(3).NextBytes(garbage);
        File.WriteAllBytes(_file.Path, garbage);

        var error = Assert.Throws<PersistenceException>(() => LedgerStore.Open(new LedgerOptions(_file.Options)));

        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsALockedDatabaseByName()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options with { BusyTimeout = TimeSpan.FromMilliseconds(50) }));
        using SqliteConnection raw = _file.OpenRaw();
        using SqliteTransaction holder = raw.BeginTransaction(deferred: false);

        var error = Assert.Throws<PersistenceException>(() => store.Append(LedgerSamples.Observations(1)));

        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
        Assert.Contains("appending to the ledger", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Size);
    }
}
