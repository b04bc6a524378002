namespace CodeSight.Server.Web.Ledger;

/// <summary>
/// What the dashboard's ledger panel reads and what its Verify button runs. The server calls it from request
/// threads; an implementation must be thread-safe and may take its time (verification reads the whole ledger).
/// </summary>
public interface ILedgerView
{
    /// <summary>The ledger's current head: size, chain head and latest checkpoint.</summary>
    Task<LedgerStatus> StatusAsync(CancellationToken cancellationToken);

    /// <summary>Recomputes every hash, the chain and the checkpoint roots, and says whether the ledger is intact.</summary>
    Task<LedgerCheck> VerifyAsync(CancellationToken cancellationToken);
}
