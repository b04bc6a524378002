namespace CodeSight.Persistence.Ledger;

/// <summary>
/// Live counts of what the <see cref="LedgerActor"/> persisted and what it could not, for a dashboard or a
/// health check. Written by the actor's thread, read from any thread.
/// </summary>
public sealed class LedgerCounters
{
    private long _persisted;
    private long _failed;
    private long _rejected;
    private long _checkpoints;
    private string? _lastError;

    /// <summary>Entries committed to the ledger.</summary>
    public long Persisted => Interlocked.Read(ref _persisted);

    /// <summary>
    /// Observations and probes that could not be persisted because the database refused them or could not be
    /// opened (locked, full, read-only, corrupted). The engine keeps running; these are lost to the ledger.
    /// </summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Observations and probes refused because they have no canonical JSON form (see <see cref="LastError"/>).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Checkpoints written.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>
    /// The most recent failure or rejection, phrased for an operator; null while all is well. It is set before the count
    /// that goes with it, so a reader that sees <see cref="Failed"/> or <see cref="Rejected"/> move also sees why.
    /// </summary>
    public string? LastError => Volatile.Read(ref _lastError);

    internal void AddPersisted(long count) => Interlocked.Add(ref _persisted, count);

    internal void AddFailed(long count, string error)
    {
        Volatile.Write(ref _lastError, error);
        Interlocked.Add(ref _failed, count);
    }

    internal void AddRejected(long count, string error)
    {
        Volatile.Write(ref _lastError, error);
        Interlocked.Add(ref _rejected, count);
    }

    internal void AddCheckpoint() => Interlocked.Increment(ref _checkpoints);
}
