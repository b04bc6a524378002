namespace CodeSight.Persistence.Ledger;

/// <summary>Sent by the <see cref="LedgerActor"/> to its supervisor once recovery has completed: it takes entries from now on.</summary>
internal sealed class LedgerReady
{
    public static readonly LedgerReady Instance = new();
}
