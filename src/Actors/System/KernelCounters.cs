namespace CodeSight.Actors;

/// <summary>
/// Running totals kept by an actor system, so that nothing it loses goes unnoticed. Every number here also has an
/// event on the event stream for those who want the details.
/// </summary>
public sealed class KernelCounters
{
    private long _deadLetters;
    private long _dropped;
    private long _unhandled;
    private long _failures;

    /// <summary>Messages sent to actors that had stopped.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Messages refused on purpose (full bounded mailboxes, routers with no routee).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages no behaviour handled.</summary>
    public long Unhandled => Interlocked.Read(ref _unhandled);

    /// <summary>Exceptions thrown by actors (each handed to a supervisor).</summary>
    public long ActorFailures => Interlocked.Read(ref _failures);

    internal void CountDeadLetter() => Interlocked.Increment(ref _deadLetters);

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountUnhandled() => Interlocked.Increment(ref _unhandled);

    internal void CountFailure() => Interlocked.Increment(ref _failures);
}
