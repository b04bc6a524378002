namespace CodeSight.Persistence.Ledger;

/// <summary>What one <see cref="LedgerStore.Append"/> call wrote.</summary>
/// <param name="FirstSequence">Sequence number of the first entry written (when <see cref="Appended"/> is above 0).</param>
/// <param name="Appended">Entries committed.</param>
/// <param name="Rejected">Items skipped because they have no canonical JSON form (see <see cref="FirstRejection"/>).</param>
/// <param name="FirstRejection">Why the first rejected item was refused, or null.</param>
public readonly record struct LedgerAppendResult(long FirstSequence, int Appended, int Rejected, string? FirstRejection)
{
    /// <summary>Sequence number of the last entry written, or <see cref="FirstSequence"/> - 1 when none was.</summary>
    public long LastSequence => FirstSequence + Appended - 1;
}
