namespace CodeSight.Server.Web.Ledger;

/// <summary>The ledger's head as the dashboard shows it.</summary>
/// <param name="Path">Where the ledger lives (the SQLite file).</param>
/// <param name="Size">Entries appended so far.</param>
/// <param name="ChainHead">The hash chain's head, lowercase hex; null while the ledger is empty.</param>
/// <param name="CheckpointSize">The tree size of the latest checkpoint; null when none was taken yet.</param>
/// <param name="CheckpointRoot">The Merkle root of the latest checkpoint, lowercase hex; null when none was taken yet.</param>
public sealed record LedgerStatus(string Path, long Size, string? ChainHead, long? CheckpointSize, string? CheckpointRoot);
