namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Asks the <see cref="LedgerActor"/> to write everything it has buffered now; it replies
/// <see cref="LedgerFlushed"/> once the batch is committed (or has failed and been counted).
/// </summary>
public sealed record FlushLedger
{
    /// <summary>The one instance; the message carries nothing.</summary>
    public static FlushLedger Instance { get; } = new();
}
