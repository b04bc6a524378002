namespace CodeSight.Server.Web.Ledger;

/// <summary>The outcome of verifying the ledger.</summary>
/// <param name="Valid">True when every hash, link and checkpoint root was recomputed and matched.</param>
/// <param name="EntriesChecked">Entries whose hashes were recomputed.</param>
/// <param name="Problem">What failed and where (entry, checkpoint), or null when valid.</param>
/// <param name="ElapsedMilliseconds">How long verification took.</param>
public sealed record LedgerCheck(bool Valid, long EntriesChecked, string? Problem, double ElapsedMilliseconds);
