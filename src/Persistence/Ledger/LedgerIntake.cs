namespace CodeSight.Persistence.Ledger;

/// <summary>
/// How many of the items the supervisor forwarded to one <see cref="LedgerActor"/> incarnation it has accounted
/// for (persisted, rejected or counted as failed). When that incarnation stops, the difference is what was still
/// in its mailbox, which the supervisor counts as failed: nothing accepted goes uncounted.
/// </summary>
internal sealed class LedgerIntake
{
    private long _accounted;

    public long Accounted => Interlocked.Read(ref _accounted);

    public void Add(long count) => Interlocked.Add(ref _accounted, count);
}
