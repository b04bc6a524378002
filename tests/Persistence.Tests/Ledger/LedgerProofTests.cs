using CodeSight.Persistence.Ledger;
using CodeSight.Persistence.Merkle;
using CodeSight.Persistence.Tests.Support;
using Xunit;

namespace CodeSight.Persistence.Tests.Ledger;

public sealed class LedgerProofTests : IDisposable
{
    private readonly TempDatabase _file = new();
    private readonly List<byte[]> _roots = [MerkleHash.EmptyRoot.ToArray()];

    public LedgerProofTests()
    {
        using LedgerStore store = LedgerStore.Open(new LedgerOptions(_file.Options) { CheckpointEvery = 7, CheckpointInterval = TimeSpan.FromHours(1) });
        for (int i = 0; i < 37; i++)
        {
            store.Append([LedgerSamples.Observation(i)]);
            store.CheckpointIfDue();
            _roots.Add(store.Root());
        }
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public void ServesInclusionProofsThatTheVerifierAcceptsForEveryEntryAndSize()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);
        Assert.Equal(37, reader.Size);
        foreach (long size in new long[] { 1, 2, 7, 16, 17, 37 })
        {
            for (long sequence = 1; sequence <= size; sequence++)
            {
                LedgerInclusionProof proof = reader.InclusionProof(sequence, size);
                Assert.Equal(_roots[(int)size], proof.Root);
                ProofVerification verdict = MerkleProofVerifier.VerifyInclusion(proof.LeafHash, sequence - 1, size, proof.Hashes, _roots[(int)size]);
                Assert.True(verdict.IsValid, $"entry {sequence} in {size}: {verdict}");
            }
        }
    }

    [Fact]
    public void AnInclusionProofFailsForAnotherEntrysLeaf()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);
        LedgerInclusionProof proof = reader.InclusionProof(5, 37);
        LedgerInclusionProof other = reader.InclusionProof(6, 37);

        Assert.False(MerkleProofVerifier.VerifyInclusion(other.LeafHash, 4, 37, proof.Hashes, proof.Root).IsValid);
    }

    [Fact]
    public void ServesConsistencyProofsBetweenAnyTwoSizes()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);
        foreach ((long first, long second) in new (long, long)[] { (0, 37), (1, 37), (7, 14), (13, 37), (16, 32), (36, 37), (37, 37) })
        {
            LedgerConsistencyProof proof = reader.ConsistencyProof(first, second);
            Assert.Equal(_roots[(int)first], proof.FirstRoot);
            Assert.Equal(_roots[(int)second], proof.SecondRoot);
            ProofVerification verdict = MerkleProofVerifier.VerifyConsistency(first, second, proof.Hashes, proof.FirstRoot, proof.SecondRoot);
            Assert.True(verdict.IsValid, $"{first} -> {second}: {verdict}");
        }
    }

    [Fact]
    public void CheckpointRootsMatchTheRootsServedForTheirSizes()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);
        IReadOnlyList<LedgerCheckpoint> checkpoints = reader.Checkpoints();

        Assert.Equal(new long[] { 7, 14, 21, 28, 35 }, checkpoints.Select(c => c.TreeSize));
        Assert.All(checkpoints, c => Assert.Equal(reader.Root(c.TreeSize), c.Root));
    }

    [Fact]
    public void ProvesInclusionOfEntriesWhosePayloadsWerePruned()
    {
        _file.Scalar("DELETE FROM journal WHERE sequence_number <= 20; INSERT INTO ledger_retention (id, pruned_through) VALUES (1, 20)");
        using LedgerReader reader = LedgerReader.Open(_file.Options);

        LedgerInclusionProof proof = reader.InclusionProof(3, 37);

        Assert.True(MerkleProofVerifier.VerifyInclusion(proof.LeafHash, 2, 37, proof.Hashes, _roots[37]).IsValid);
    }

    [Fact]
    public void NamesTheValidRangeOfAnOutOfRangeRequest()
    {
        using LedgerReader reader = LedgerReader.Open(_file.Options);

        var size = Assert.Throws<ArgumentOutOfRangeException>(() => reader.InclusionProof(1, 38));
        var sequence = Assert.Throws<ArgumentOutOfRangeException>(() => reader.InclusionProof(11, 10));
        var order = Assert.Throws<ArgumentOutOfRangeException>(() => reader.ConsistencyProof(20, 10));

        Assert.Contains("[1, 37]", size.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 10]", sequence.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 10]", order.Message, StringComparison.Ordinal);
    }
}
