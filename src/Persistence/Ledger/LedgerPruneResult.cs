namespace CodeSight.Persistence.Ledger;

/// <summary>What <see cref="LedgerStore.Prune"/> removed.</summary>
/// <param name="PrunedThrough">Every payload up to this sequence number is now gone (their leaf hashes stay); 0 when none ever was.</param>
/// <param name="PayloadsRemoved">Payload rows deleted by this call.</param>
public readonly record struct LedgerPruneResult(long PrunedThrough, int PayloadsRemoved);
