namespace CodeSight.Persistence.Ledger;

/// <summary>The report of <see cref="LedgerVerifier.Verify"/>: what was checked, and the first problem found.</summary>
/// <param name="Problem">The first problem, or <see cref="LedgerProblem.None"/>.</param>
/// <param name="FirstBadSequence">
/// The first sequence number known to be bad, or null when the ledger verifies. For a checkpoint mismatch the
/// damage lies somewhere from this entry up to the checkpoint's tree size (the entries after the previous good checkpoint).
/// </param>
/// <param name="Reason">One sentence for an auditor: where, and what did not match.</param>
/// <param name="EntriesChecked">Entries whose chain link was recomputed.</param>
/// <param name="PayloadsHashed">Entries whose payload was hashed and compared with its leaf hash.</param>
/// <param name="PrunedEntries">Entries whose payload was pruned by retention; their recorded leaf hashes were used.</param>
/// <param name="CheckpointsChecked">Checkpoints whose root and chain head were recomputed.</param>
/// <param name="SignaturesChecked">Checkpoint signatures that verified.</param>
/// <param name="UnsignedCheckpoints">Checkpoints that carry no signature.</param>
public sealed record LedgerVerification(
    LedgerProblem Problem,
    long? FirstBadSequence,
    string Reason,
    long EntriesChecked,
    long PayloadsHashed,
    long PrunedEntries,
    int CheckpointsChecked,
    int SignaturesChecked,
    int UnsignedCheckpoints)
{
    /// <summary>True when nothing was found wrong.</summary>
    public bool IsValid => Problem == LedgerProblem.None;

    /// <inheritdoc />
    public override string ToString() => IsValid
        ? $"ledger verifies: {EntriesChecked} entries ({PrunedEntries} pruned), {CheckpointsChecked} checkpoints, {SignaturesChecked} signatures"
        : $"ledger does not verify: {Problem} at sequence {FirstBadSequence}: {Reason}";
}
