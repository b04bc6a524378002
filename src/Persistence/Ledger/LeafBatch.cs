namespace CodeSight.Persistence.Ledger;

/// <summary>
/// A run of consecutive ledger entries read by the verifier's reader thread for its checking thread: per entry
/// the sequence number, the stored leaf and chain hashes, and the leaf hash to chain (recomputed from the
/// payload, or the recorded one for a pruned entry). A batch may end with the first problem the reader found,
/// which belongs after its entries in sequence order, or with the reader's exception.
/// </summary>
internal sealed class LeafBatch
{
    public const int Capacity = 1024;

    public readonly long[] Sequences = new long[Capacity];
    public readonly byte[] StoredLeaves = new byte[Capacity * Merkle.MerkleHash.Size];
    public readonly byte[] StoredChains = new byte[Capacity * Merkle.MerkleHash.Size];
    public readonly byte[] Leaves = new byte[Capacity * Merkle.MerkleHash.Size];
    public readonly bool[] Pruned = new bool[Capacity];

    public int Count { get; set; }

    /// <summary>True for the reader's last batch: no entries follow.</summary>
    public bool IsLast { get; set; }

    public LedgerProblem Problem { get; set; }

    public long ProblemSequence { get; set; }

    public string? ProblemReason { get; set; }

    /// <summary>The problem was found after hashing the entry's payload, which then counts as hashed.</summary>
    public bool ProblemAfterHashing { get; set; }

    public Exception? Error { get; set; }

    public bool IsFull => Count == Capacity;

    public Span<byte> Slot(byte[] hashes, int index) => hashes.AsSpan(index * Merkle.MerkleHash.Size, Merkle.MerkleHash.Size);

    public void Reset()
    {
        Count = 0;
        IsLast = false;
        Problem = LedgerProblem.None;
        ProblemSequence = 0;
        ProblemReason = null;
        ProblemAfterHashing = false;
        Error = null;
    }

    public void Fail(LedgerProblem problem, long sequence, string reason, bool afterHashing = false)
    {
        Problem = problem;
        ProblemSequence = sequence;
        ProblemReason = reason;
        ProblemAfterHashing = afterHashing;
        IsLast = true;
    }
}
