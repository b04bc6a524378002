namespace CodeSight.Persistence.Actors;

/// <summary>
/// Running totals of the journal's work, for diagnostics and tests (for example, that concurrent writers share
/// transactions). Updated by the journal's thread, readable from any thread.
/// </summary>
public sealed class JournalCounters
{
    private long _writeRequests;
    private long _transactions;
    private long _eventsWritten;
    private long _eventsRejected;
    private long _eventsFailed;
    private long _eventsReplayed;

    /// <summary>Write requests received by the journal actor (one per actor turn that persisted something).</summary>
    public long WriteRequests => Volatile.Read(ref _writeRequests);

    /// <summary>Write transactions attempted (one per batch, plus one per request when a conflicting batch is split).</summary>
    public long Transactions => Volatile.Read(ref _transactions);

    /// <summary>Events committed.</summary>
    public long EventsWritten => Volatile.Read(ref _eventsWritten);

    /// <summary>Events rejected before writing (they could not be serialised).</summary>
    public long EventsRejected => Volatile.Read(ref _eventsRejected);

    /// <summary>Events whose write failed (the database refused the transaction).</summary>
    public long EventsFailed => Volatile.Read(ref _eventsFailed);

    /// <summary>Events read back by recoveries.</summary>
    public long EventsReplayed => Volatile.Read(ref _eventsReplayed);

    internal void AddWriteRequest() => Interlocked.Increment(ref _writeRequests);

    internal void AddTransaction() => Interlocked.Increment(ref _transactions);

    internal void AddWritten(long count) => Interlocked.Add(ref _eventsWritten, count);

    internal void AddRejected(long count) => Interlocked.Add(ref _eventsRejected, count);

    internal void AddFailed(long count) => Interlocked.Add(ref _eventsFailed, count);

    internal void AddReplayed(long count) => Interlocked.Add(ref _eventsReplayed, count);
}
