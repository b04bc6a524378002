using CodeSight.Contracts.Observations;
using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

/// <summary>
/// Ledgers longer than one of the verifier's batches (1024 entries), and ledgers of payloads too large to copy
/// between its threads: tampering is still found at the right sequence number, and nothing is counted twice.
/// </summary>
public sealed class LedgerVerifierBatchTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void VerifiesALedgerOfManyBatchesAndCountsEachEntryOnce()
    {
        Write(5000, checkpointEvery: 700);

        LedgerVerification result = LedgerVerifier.Verify(_file.Options);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal((5000L, 5000L, 0L), (result.EntriesChecked, result.PayloadsHashed, result.PrunedEntries));
        Assert.Equal(8, result.CheckpointsChecked);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(2049)]
    [InlineData(3333)]
    [InlineData(4999)]
    [InlineData(5000)]
    public void FindsAnAlteredPayloadInAnyBatch(long sequence)
    {
        Write(5000, checkpointEvery: 700);
        _file.Scalar($"UPDATE journal SET payload = CAST(CAST(payload AS TEXT) || ' ' AS BLOB) WHERE sequence_number = {sequence}");

        LedgerVerification result = LedgerVerifier.Verify(_file.Options);

        Assert.Equal((LedgerProblem.PayloadAltered, (long?)sequence), (result.Problem, result.FirstBadSequence));
        Assert.Equal((sequence - 1, sequence), (result.EntriesChecked, result.PayloadsHashed));
    }

    [Fact]
    public void CountsPrunedAndHashedEntriesAcrossBatches()
    {
        Write(3000, checkpointEvery: 1000);
        _file.Scalar("DELETE FROM journal WHERE sequence_number <= 1500; INSERT INTO ledger_retention (id, pruned_through) VALUES (1, 1500)");

        LedgerVerification result = LedgerVerifier.Verify(_file.Options);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal((3000L, 1500L, 1500L), (result.EntriesChecked, result.PayloadsHashed, result.PrunedEntries));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(12)]
    public void FindsAnAlteredPayloadAmongPayloadsTooLargeToCopy(long sequence)
    {
        // 400 KB each: a batch's copy budget (1 MiB) holds two, so the reader hashes the rest itself.
        using (LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options) { CheckpointEvery = 5, CheckpointInterval = TimeSpan.FromHours(1) }))
        {
            for (int i = 0; i < 12; i++)
            {
                Observation sample = LedgerSamples.Observation(i);
                store.Append([sample with { Payload = new LogPayload(new string((char)('a' + i), 400_000)) }]);
                store.CheckpointIfDue();
            }

            store.Checkpoint();
        }

        Assert.True(LedgerVerifier.Verify(_file.Options).IsValid);
        _file.Scalar($"UPDATE journal SET payload = CAST(CAST(payload AS TEXT) || ' ' AS BLOB) WHERE sequence_number = {sequence}");

        LedgerVerification result = LedgerVerifier.Verify(_file.Options);

        Assert.Equal((LedgerProblem.PayloadAltered, (long?)sequence), (result.Problem, result.FirstBadSequence));
        Assert.Equal(sequence - 1, result.EntriesChecked);
    }

    private void Write(int entries, int checkpointEvery)
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options) { CheckpointEvery = checkpointEvery, CheckpointInterval = TimeSpan.FromHours(1) });
        for (int i = 0; i < entries; i += 100)
        {
            store.Append(Enumerable.Range(i, Math.Min(100, entries - i)).Select(j => (object)LedgerSamples.Observation(j)).ToList());
            store.CheckpointIfDue();
        }

        store.Checkpoint();
    }
}
