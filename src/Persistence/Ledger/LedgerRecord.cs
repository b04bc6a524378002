namespace CodeSight.Persistence.Ledger;

/// <summary>
/// One ledger entry as the <see cref="LedgerActor"/> persists it: the canonical JSON that becomes the journal
/// row's payload, and what the ledger's journal extension writes beside it in the same transaction (leaf hash,
/// chain link, query index; on a batch's last entry, the recovery snapshot after it).
/// </summary>
internal sealed class LedgerRecord(long sequence, byte[] payload, byte[] leaf, byte[] chain, EntryIndex index)
{
    public long Sequence { get; } = sequence;

    public byte[] Payload { get; } = payload;

    public byte[] Leaf { get; } = leaf;

    public byte[] Chain { get; } = chain;

    public EntryIndex Index { get; } = index;

    /// <summary>The Merkle frontier and chain head after this entry, set on the last entry of each batch.</summary>
    public LedgerSnapshot? Snapshot { get; set; }
}
