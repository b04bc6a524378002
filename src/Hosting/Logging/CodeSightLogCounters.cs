namespace CodeSight.Hosting.Logging;

/// <summary>
/// What the CodeSight logger provider did with the entries it accepted (those its minimum level let through):
/// recorded as observations, or dropped for a counted reason. Thread-safe.
/// </summary>
public sealed class CodeSightLogCounters
{
    private long _recorded;
    private long _droppedNotRunning;
    private long _droppedReentrant;
    private long _failed;

    /// <summary>Entries handed to the engine as log observations (log rules may still drop some; the engine counts those).</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Entries dropped because no CodeSight runtime was running: before the host started it, or once it began to stop.</summary>
    public long DroppedNotRunning => Interlocked.Read(ref _droppedNotRunning);

    /// <summary>Entries dropped because they were logged while this provider was already recording an entry on the same thread.</summary>
    public long DroppedReentrant => Interlocked.Read(ref _droppedReentrant);

    /// <summary>Entries that could not be turned into an observation (their formatter or state threw).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    internal void CountRecorded() => Interlocked.Increment(ref _recorded);

    internal void CountNotRunning() => Interlocked.Increment(ref _droppedNotRunning);

    internal void CountReentrant() => Interlocked.Increment(ref _droppedReentrant);

    internal void CountFailed() => Interlocked.Increment(ref _failed);
}
