namespace CodeSight.Persistence.Ledger;

/// <summary>What <see cref="LedgerVerifier"/> found wrong first, if anything.</summary>
public enum LedgerProblem
{
    /// <summary>Every hash, link, checkpoint and signature checked out.</summary>
    None,

    /// <summary>An entry's payload no longer hashes to its recorded leaf hash.</summary>
    PayloadAltered,

    /// <summary>An entry is missing: its leaf row is absent (a gap in the sequence), or its payload is gone without having been pruned.</summary>
    RowDeleted,

    /// <summary>An entry sits at another sequence number than the one written inside its payload.</summary>
    RowsReordered,

    /// <summary>A stored chain link is not SHA-256(previous link || leaf hash).</summary>
    ChainLinkAltered,

    /// <summary>The entries up to a checkpoint's tree size do not yield its Merkle root or chain head.</summary>
    CheckpointMismatch,

    /// <summary>A checkpoint's signature does not verify, or was made with another key than the trusted one.</summary>
    SignatureInvalid,

    /// <summary>The ledger holds fewer entries than its last checkpoint (or its journal) says it had.</summary>
    TailTruncated,
}
