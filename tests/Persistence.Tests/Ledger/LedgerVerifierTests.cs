using System.Security.Cryptography;
using CodeSight.Persistence.Chain;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Sqlite;
using CodeSight.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

/// <summary>Each test tampers with the database through a raw connection, the way an attacker with sqlite3 would.</summary>
public sealed class LedgerVerifierTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public LedgerVerifierTests()
    {
        // 20 entries; checkpoints at 8 and 16 (every 8), and one more at 20.
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options) { CheckpointEvery = 8, CheckpointInterval = TimeSpan.FromHours(1) });
        for (int i = 0; i < 20; i += 4)
        {
            store.Append([LedgerSamples.Observation(i), LedgerSamples.Observation(i + 1), LedgerSamples.Probe(i), LedgerSamples.Observation(i + 2)]);
            store.CheckpointIfDue();
        }

        store.Checkpoint();
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public void VerifiesAnUntouchedLedger()
    {
        LedgerVerification result = LedgerVerifier.Verify(_file.Options);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal((20L, 20L, 0L, 3, 3), (result.EntriesChecked, result.PayloadsHashed, result.PrunedEntries, result.CheckpointsChecked, result.UnsignedCheckpoints));
        Assert.Null(result.FirstBadSequence);
    }

    [Fact]
    public void ReportsAnAlteredPayload()
    {
        _file.Scalar("UPDATE journal SET payload = CAST(replace(CAST(payload AS TEXT), 'line 8', 'line X') AS BLOB) WHERE sequence_number = 9");

        AssertProblem(LedgerProblem.PayloadAltered, 9, "does not hash");
    }

    [Fact]
    public void ReportsADeletedRowAsAGap()
    {
        _file.Scalar("DELETE FROM journal WHERE sequence_number = 12; DELETE FROM ledger_leaf WHERE sequence_number = 12");

        AssertProblem(LedgerProblem.RowDeleted, 12, "missing");
    }

    [Fact]
    public void ReportsADeletedPayloadThatRetentionNeverPruned()
    {
        _file.Scalar("DELETE FROM journal WHERE sequence_number = 5");

        AssertProblem(LedgerProblem.RowDeleted, 5, "retention pruned only up to entry 0");
    }

    [Fact]
    public void ReportsRowsSwappedBetweenTwoSequenceNumbers()
    {
        _file.Scalar(
            "UPDATE journal SET sequence_number = -1 WHERE sequence_number = 6;" +
            "UPDATE journal SET sequence_number = 6 WHERE sequence_number = 7;" +
            "UPDATE journal SET sequence_number = 7 WHERE sequence_number = -1;");

        AssertProblem(LedgerProblem.RowsReordered, 6, "written as entry 7");
    }

    // The reader hashes some payloads of a batch and hands the others to the checking thread: every position
    // must be caught at its own sequence number, whichever thread hashes it.
    [Theory]
    [MemberData(nameof(EverySequence))]
    public void ReportsAPayloadAlteredAtAnySequenceNumber(long sequence)
    {
        _file.Scalar($"UPDATE journal SET payload = CAST(CAST(payload AS TEXT) || ' ' AS BLOB) WHERE sequence_number = {sequence}");

        LedgerVerification result = AssertProblem(LedgerProblem.PayloadAltered, sequence, $"the payload of entry {sequence} does not hash");
        Assert.Equal((sequence - 1, sequence), (result.EntriesChecked, result.PayloadsHashed));
    }

    [Theory]
    [MemberData(nameof(EverySequence))]
    public void ReportsAPayloadMovedToAnySequenceNumber(long sequence)
    {
        long other = sequence == 20 ? 19 : sequence + 1;
        _file.Scalar(
            $"UPDATE journal SET sequence_number = -1 WHERE sequence_number = {sequence};" +
            $"UPDATE journal SET sequence_number = {sequence} WHERE sequence_number = {other};" +
            $"UPDATE journal SET sequence_number = {other} WHERE sequence_number = -1;");

        long first = Math.Min(sequence, other);
        AssertProblem(LedgerProblem.RowsReordered, first, $"entry {first} holds the payload written as entry {Math.Max(sequence, other)}");
    }

    public static TheoryData<long> EverySequence() => new(Enumerable.Range(1, 20).Select(i => (long)i));

    [Fact]
    public void ReportsWholeEntriesSwappedWithTheirHashes()
    {
        // The attacker moves payloads and leaf rows together and re-links the chain: only the sequence number
        // written inside each payload gives the swap away.
        Swap(3, 4);
        Relink();

        AssertProblem(LedgerProblem.RowsReordered, 3, "written as entry 4");
    }

    [Fact]
    public void ReportsAnAlteredChainLink()
    {
        _file.Scalar("UPDATE ledger_leaf SET chain_hash = zeroblob(32) WHERE sequence_number = 14");

        AssertProblem(LedgerProblem.ChainLinkAltered, 14, "chain link");
    }

    [Fact]
    public void ReportsAPayloadRewrittenAndRehashedAsACheckpointMismatchAfterTheLastGoodCheckpoint()
    {
        _file.Scalar("UPDATE journal SET payload = CAST(replace(CAST(payload AS TEXT), 'line 12', 'line Y') AS BLOB) WHERE sequence_number = 13");
        Relink();

        LedgerVerification result = AssertProblem(LedgerProblem.CheckpointMismatch, 9, "from 9 to 16");
        Assert.Equal(1, result.CheckpointsChecked);
    }

    [Fact]
    public void ReportsATailTruncatedBelowTheLastCheckpoint()
    {
        _file.Scalar("DELETE FROM journal WHERE sequence_number > 17; DELETE FROM ledger_leaf WHERE sequence_number > 17");

        AssertProblem(LedgerProblem.TailTruncated, 18, "checkpoint 20");
    }

    [Fact]
    public void ReportsLeafRowsCutWhileTheirPayloadsRemain()
    {
        _file.Scalar("DELETE FROM ledger_checkpoint WHERE tree_size = 20; DELETE FROM ledger_leaf WHERE sequence_number > 18");

        AssertProblem(LedgerProblem.TailTruncated, 19, "journal holds entry 19");
    }

    [Fact]
    public void ReportsPrunedEntriesAsPrunedNotAsTampering()
    {
        _file.Scalar("DELETE FROM journal WHERE sequence_number <= 10; INSERT INTO ledger_retention (id, pruned_through) VALUES (1, 10)");

        LedgerVerification result = LedgerVerifier.Verify(_file.Options);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal((10L, 10L), (result.PrunedEntries, result.PayloadsHashed));
    }

    [Fact]
    public void ReportsAForgedSignatureAndACheckpointSignedByAnotherKey()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using (LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options) { SigningKey = key }))
        {
            store.Append(LedgerSamples.Observations(2));
            store.Checkpoint();
        }

        var trusted = new LedgerVerifierOptions { TrustedKey = key };
        Assert.Equal(LedgerProblem.SignatureInvalid, LedgerVerifier.Verify(_file.Options, trusted).Problem); // earlier checkpoints are unsigned
        _file.Scalar("DELETE FROM ledger_checkpoint WHERE tree_size < 22");
        LedgerVerification signed = LedgerVerifier.Verify(_file.Options, trusted);
        Assert.True(signed.IsValid, signed.ToString());
        Assert.Equal(1, signed.SignaturesChecked);

        Assert.Equal(LedgerProblem.SignatureInvalid, LedgerVerifier.Verify(_file.Options, new LedgerVerifierOptions { TrustedKey = other }).Problem);
        _file.Scalar("UPDATE ledger_checkpoint SET created = created + 1");
        LedgerVerification forged = LedgerVerifier.Verify(_file.Options);
        Assert.Equal((LedgerProblem.SignatureInvalid, 22L), (forged.Problem, forged.FirstBadSequence));
        Assert.Contains("does not verify", forged.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverWritesToTheFileItVerifies()
    {
        DateTime before = File.GetLastWriteTimeUtc(_file.Path);
        byte[] bytes = File.ReadAllBytes(_file.Path);

        LedgerVerifier.Verify(_file.Options);

        Assert.Equal(bytes, File.ReadAllBytes(_file.Path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(_file.Path));
    }

    [Fact]
    public void RefusesAFileThatHoldsNoLedger()
    {
        string other = Path.Combine(_file.Directory, "journal-only.db");
        using (CodeSight.Persistence.Journal.SqliteJournal.Open(SqliteStoreOptions.ForFile(other)))
        {
        }

        var error = Assert.Throws<PersistenceException>(() => LedgerVerifier.Verify(SqliteStoreOptions.ForFile(other)));
        Assert.Contains("holds no ledger", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAMissingFileWithoutCreatingIt()
    {
        string missing = Path.Combine(_file.Directory, "missing.db");

        var error = Assert.Throws<PersistenceException>(() => LedgerVerifier.Verify(SqliteStoreOptions.ForFile(missing)));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    private LedgerVerification AssertProblem(LedgerProblem problem, long sequence, string reason)
    {
        LedgerVerification result = LedgerVerifier.Verify(_file.Options);
        Assert.False(result.IsValid);
        Assert.Equal((problem, (long?)sequence), (result.Problem, result.FirstBadSequence));
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        return result;
    }

    private void Swap(long a, long b)
    {
        foreach (string table in new[] { "journal", "ledger_leaf" })
        {
            _file.Scalar(
                $"UPDATE {table} SET sequence_number = -1 WHERE sequence_number = {a};" +
                $"UPDATE {table} SET sequence_number = {a} WHERE sequence_number = {b};" +
                $"UPDATE {table} SET sequence_number = {b} WHERE sequence_number = -1;");
        }
    }

    // What a careful attacker does after editing payloads: recompute every leaf hash and chain link.
    private void Relink()
    {
        using SqliteConnection raw = _file.OpenRaw();
        var rows = new List<(long Sequence, byte[] Payload)>();
        using (SqliteCommand read = raw.CreateCommand())
        {
            read.CommandText = "SELECT sequence_number, payload FROM journal ORDER BY sequence_number";
            using SqliteDataReader reader = read.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), (byte[])reader[1]));
            }
        }

        byte[] link = HashChain.Genesis.ToArray();
        foreach ((long sequence, byte[] payload) in rows)
        {
            byte[] leaf = MerkleHash.Leaf(payload);
            HashChain.Next(link, leaf, link);
            using SqliteCommand write = raw.CreateCommand();
            write.CommandText = "UPDATE ledger_leaf SET leaf_hash = $leaf, chain_hash = $chain WHERE sequence_number = $seq";
            write.Parameters.AddWithValue("$leaf", leaf);
            write.Parameters.AddWithValue("$chain", link.ToArray());
            write.Parameters.AddWithValue("$seq", sequence);
            write.ExecuteNonQuery();
        }
    }
}
