namespace CodeSight.Engine.Sinks;

/// <summary>
/// What one sink wrote, lost to a full mailbox, and failed to write. Shared by the sink actor (written, errors) and
/// <see cref="SinkHealth"/> (dropped), and kept across restarts of the sink, so read it from any thread at any time.
/// </summary>
public sealed class SinkCounters
{
    private long _written;
    private long _dropped;
    private long _errors;
    private string? _lastError;

    /// <summary>Close records the sink wrote.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Signals refused by the sink's full mailbox (the newest is the one dropped).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records the sink could not write (each one is lost; the cause is published as a log event).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>
    /// The most recent failure's description (what failed and why), or null while there has been none. It is set before
    /// the <see cref="Errors"/> it explains are counted.
    /// </summary>
    public string? LastError => Volatile.Read(ref _lastError);

    internal void CountWritten() => Interlocked.Increment(ref _written);

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountError() => Interlocked.Increment(ref _errors);

    internal void CountWritten(long items) => Interlocked.Add(ref _written, items);

    internal void CountDropped(long items) => Interlocked.Add(ref _dropped, items);

    internal void CountErrors(long items) => Interlocked.Add(ref _errors, items);

    internal void NoteError(string description) => Volatile.Write(ref _lastError, description);
}
