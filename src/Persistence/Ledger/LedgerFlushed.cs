namespace CodeSight.Persistence.Ledger;

/// <summary>The <see cref="LedgerActor"/>'s reply to <see cref="FlushLedger"/>.</summary>
/// <param name="Size">Entries in the ledger after the flush (0 when the ledger could not be opened).</param>
/// <param name="Failed">The running count of entries that could not be persisted.</param>
public sealed record LedgerFlushed(long Size, long Failed);
