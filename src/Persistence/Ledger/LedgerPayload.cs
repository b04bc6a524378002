namespace CodeSight.Persistence.Ledger;

/// <summary>A ledger entry replayed from the journal during the <see cref="LedgerActor"/>'s recovery: its stored canonical JSON.</summary>
internal sealed record LedgerPayload(byte[] Bytes);
