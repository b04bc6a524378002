namespace CodeSight.Engine.Sinks;

/// <summary>
/// Tell or ask a sink this to push every record it wrote so far to its output now; it replies
/// <see cref="SinkFlushed"/>. Goes through the sink's bounded mailbox like any signal, so it can be dropped when the
/// mailbox is full.
/// </summary>
public sealed class FlushSink
{
    private FlushSink() { }

    /// <summary>The single instance.</summary>
    public static FlushSink Instance { get; } = new();
}
