namespace CodeSight.Engine.Forwarding;

/// <summary>
/// What a <see cref="ServerForwardingSink"/> did with the items it was given, readable from any thread at any time.
/// Every item queued ends up in exactly one of <see cref="Acknowledged"/>, <see cref="Skipped"/>,
/// <see cref="Rejected"/>, <see cref="Lost"/> or <see cref="Unacknowledged"/>, or is still <see cref="Pending"/>;
/// items never queued are <see cref="DroppedQueueFull"/> or <see cref="Invalid"/>.
/// </summary>
public sealed class ForwarderCounters
{
    private long _queued;
    private long _droppedQueueFull;
    private long _invalid;
    private long _sent;
    private long _acknowledged;
    private long _skipped;
    private long _rejected;
    private long _lost;
    private long _unacknowledged;
    private long _connects;
    private long _connectFailures;
    private long _valuesOmitted;
    private int _connected;
    private string? _lastError;

    /// <summary>Items put on the send queue.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Items dropped because the queue was full (the server slow or unreachable for a long while).</summary>
    public long DroppedQueueFull => Interlocked.Read(ref _droppedQueueFull);

    /// <summary>Items the server would refuse (a sight point name it does not accept, an item over the size limit); never sent.</summary>
    public long Invalid => Interlocked.Read(ref _invalid);

    /// <summary>Items sent in ingest messages.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Items the server acknowledged as taken.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Items the server acknowledged but skipped (an observation at a point disabled there).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Items in messages the server answered with an error (see <see cref="LastError"/>).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Items taken off the queue whose message could not be sent (the connection broke), or left queued at stop.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Items sent on a connection that closed before the server's answer arrived: they may or may not have been taken.</summary>
    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    /// <summary>Items queued and not yet sent.</summary>
    public long Pending => Math.Max(0, Queued - Sent - Lost);

    /// <summary>Connections made.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connection attempts that failed.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Values left out of items because the protocol cannot carry them (non-finite metrics, image and tensor payloads).</summary>
    public long ValuesOmitted => Interlocked.Read(ref _valuesOmitted);

    /// <summary>Whether a connection to the server is open now.</summary>
    public bool Connected => Volatile.Read(ref _connected) == 1;

    /// <summary>
    /// The most recent problem (a refused connection, a rejected message), or null while there has been none. A problem
    /// is described here before it is counted (in <see cref="ConnectFailures"/>, <see cref="Rejected"/>,
    /// <see cref="Invalid"/>, or <see cref="Lost"/> for a broken connection), so a reader that sees such a count move
    /// also sees its description.
    /// </summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <inheritdoc />
    public override string ToString() =>
        $"queued {Queued}, sent {Sent}, acknowledged {Acknowledged}, skipped {Skipped}, rejected {Rejected}, lost {Lost}, unacknowledged {Unacknowledged}, dropped (queue full) {DroppedQueueFull}, invalid {Invalid}, connects {Connects}, failed connects {ConnectFailures}";

    internal void CountQueued() => Interlocked.Increment(ref _queued);

    internal void CountDroppedQueueFull() => Interlocked.Increment(ref _droppedQueueFull);

    internal void CountInvalid() => Interlocked.Increment(ref _invalid);

    internal void CountSent(int items) => Interlocked.Add(ref _sent, items);

    internal void CountAcknowledged(long accepted, long skipped)
    {
        Interlocked.Add(ref _acknowledged, accepted);
        Interlocked.Add(ref _skipped, skipped);
    }

    internal void CountRejected(int items) => Interlocked.Add(ref _rejected, items);

    internal void CountLost(int items) => Interlocked.Add(ref _lost, items);

    internal void CountUnacknowledged(int items) => Interlocked.Add(ref _unacknowledged, items);

    internal void CountConnect()
    {
        Interlocked.Increment(ref _connects);
        Volatile.Write(ref _connected, 1);
    }

    internal void CountConnectFailure() => Interlocked.Increment(ref _connectFailures);

    internal void CountValueOmitted() => Interlocked.Increment(ref _valuesOmitted);

    internal void Disconnected() => Volatile.Write(ref _connected, 0);

    internal void NoteError(string description) => Volatile.Write(ref _lastError, description);
}
