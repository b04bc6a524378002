namespace CodeSight.Persistence.Ledger;

/// <summary>One ledger entry read back: its index columns, its hashes and its payload (unless pruned).</summary>
/// <param name="Sequence">Sequence number; the Merkle leaf index is <c>Sequence - 1</c>.</param>
/// <param name="Kind">What it records (<see cref="LedgerEntryKinds"/>).</param>
/// <param name="TrailId">The trail's id as 32 hex characters, or null.</param>
/// <param name="Modality">The observation's modality wire name, or null for probes.</param>
/// <param name="Timestamp">Epoch microseconds: an observation's time, a probe's end.</param>
/// <param name="LeafHash">SHA-256(0x00 || payload), 32 bytes.</param>
/// <param name="ChainHash">The chain link after this entry, 32 bytes.</param>
/// <param name="Payload">The canonical JSON bytes, or null when retention pruned them.</param>
public sealed record LedgerEntry(
    long Sequence,
    string Kind,
    string? TrailId,
    string? Modality,
    long Timestamp,
    byte[] LeafHash,
    byte[] ChainHash,
    byte[]? Payload)
{
    /// <summary>True when the payload was pruned by retention and only the hashes remain.</summary>
    public bool IsPruned => Payload is null;
}
