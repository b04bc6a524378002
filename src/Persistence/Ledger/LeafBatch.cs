namespace CodeSight.Persistence.Ledger;

/// <summary>
/// A run of consecutive ledger entries read by the verifier's reader thread for its checking thread: per entry
/// the sequence number, the stored leaf and chain hashes, and either a copy of the payload that the checking
/// thread hashes and checks (<see cref="LeafState.PayloadCopied"/>) or the leaf hash to chain (recomputed by the
/// reader from a payload too large to copy, or the recorded one for a pruned entry).
/// A batch may end with the first problem the reader found, which belongs after its entries in sequence order, or
/// with the reader's exception.
/// </summary>
internal sealed class LeafBatch
{
    public const int Capacity = 1024;

    // Copied payloads beyond this many bytes per batch are hashed by the reader instead, so a ledger of large blobs
    // (images, tensors) never holds more than about this much payload in one batch.
    public const int PayloadBudget = 1 << 20;

    public readonly long[] Sequences = new long[Capacity];
    public readonly byte[] StoredLeaves = new byte[Capacity * Merkle.MerkleHash.Size];
    public readonly byte[] StoredChains = new byte[Capacity * Merkle.MerkleHash.Size];
    public readonly byte[] Leaves = new byte[Capacity * Merkle.MerkleHash.Size];
    public readonly LeafState[] States = new LeafState[Capacity];
    private readonly int[] _payloadStarts = new int[Capacity];
    private readonly int[] _payloadLengths = new int[Capacity];
    private readonly byte[] _payloads = new byte[PayloadBudget];
    private int _payloadBytes;

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

    /// <summary>Whether <paramref name="length"/> more payload bytes fit in this batch's budget.</summary>
    public bool CanCopy(int length) => length <= PayloadBudget - _payloadBytes;

    /// <summary>Keeps a copy of entry <paramref name="index"/>'s payload for the checking thread to hash.</summary>
    public void CopyPayload(int index, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(_payloads.AsSpan(_payloadBytes));
        _payloadStarts[index] = _payloadBytes;
        _payloadLengths[index] = payload.Length;
        _payloadBytes += payload.Length;
        States[index] = LeafState.PayloadCopied;
    }

    /// <summary>The payload copied for entry <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Payload(int index) => _payloads.AsSpan(_payloadStarts[index], _payloadLengths[index]);

    public void Reset()
    {
        Count = 0;
        _payloadBytes = 0;
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

/// <summary>How the reader left one entry of a <see cref="LeafBatch"/>.</summary>
internal enum LeafState : byte
{
    /// <summary>The reader hashed the payload and checked it against the stored leaf hash.</summary>
    Hashed,

    /// <summary>Retention pruned the payload; the stored leaf hash stands in for it.</summary>
    Pruned,

    /// <summary>The payload is copied into the batch; the checking thread hashes and checks it.</summary>
    PayloadCopied,
}
