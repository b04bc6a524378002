using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Signals;

namespace CodeSight.Engine.Sinks;

/// <summary>
/// The base of sinks that write one record per closed probe. It registers with <see cref="SinkHealth"/>, subscribes
/// to <see cref="CloseSignal"/>s on the event stream, counts what it writes, applies the <see cref="FlushPolicy"/>,
/// answers <see cref="FlushSink"/>, and flushes and closes its output when it stops. A write that fails with an I/O
/// error loses that record, counts it in <see cref="SinkCounters.Errors"/> and publishes a <see cref="LogEvent"/>
/// (on the first failure and on recovery, not once per record); the sink keeps going. Other exceptions go to the
/// supervisor as usual.
/// </summary>
public abstract class SinkActor : ActorBase
{
    private readonly FlushPolicy _flush;
    private int _sinceFlush;   // counts only while EveryRecords > 0, so it never overflows
    private bool _pending;     // records written since the last flush
    private bool _failing;

    /// <summary>Creates the sink.</summary>
    /// <param name="kind">A short word for what the sink writes to (<c>file</c>, <c>console</c>...), shown in its stats.</param>
    /// <param name="counters">Its counters; pass the same instance to every incarnation so totals survive restarts.</param>
    /// <param name="flush">When to flush.</param>
    protected SinkActor(string kind, SinkCounters counters, FlushPolicy flush)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(counters);
        Kind = kind;
        Counters = counters;
        _flush = flush;
    }

    /// <summary>
    /// Starts a sink under <c>/user</c> and returns once it is subscribed, so every signal published after this call
    /// (by any thread) reaches it. <c>ActorOf</c> alone returns before the sink has started, and a sink subscribes when
    /// it starts, on a pool thread: what is recorded in between would pass it by. This waits for one
    /// <see cref="FlushSink"/> round trip, which every <see cref="SinkActor"/> answers once it has started.
    /// </summary>
    /// <param name="system">The system to start the sink in.</param>
    /// <param name="props">The sink's props (<see cref="FileSink.Props"/>, <see cref="StreamSink.Props"/>, your own).</param>
    /// <param name="name">The actor's name under <c>/user</c>; null for a generated one.</param>
    /// <param name="timeout">How long to wait for the sink to start; default 10 seconds.</param>
    /// <returns>The started sink.</returns>
    /// <exception cref="AskTimeoutException">
    /// The actor did not answer <see cref="FlushSink"/> with <see cref="SinkFlushed"/> in time: it is not a sink, or it
    /// failed to start (its failure is logged by its supervisor). The actor is stopped.
    /// </exception>
    public static IActorRef Start(ActorSystem system, Props props, string? name = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(props);
        var sink = system.ActorOf(props, name);
        var wait = timeout ?? TimeSpan.FromSeconds(10);
        try
        {
            sink.Ask<SinkFlushed>(FlushSink.Instance, wait).GetAwaiter().GetResult();
        }
        catch (AskTimeoutException)
        {
            system.Stop(sink);
            throw new AskTimeoutException(
                $"The sink {sink.Path} did not start within {wait.TotalMilliseconds:0} ms: it never answered {nameof(FlushSink)} " +
                $"with {nameof(SinkFlushed)} (every {nameof(SinkActor)} does once started), so it is not a sink or it failed in PreStart. It was stopped.");
        }
        return sink;
    }

    /// <summary>What the sink writes to.</summary>
    protected string Kind { get; }

    /// <summary>The sink's counters.</summary>
    protected SinkCounters Counters { get; }

    /// <summary>Writes the record of one closed probe (buffered or not; <see cref="FlushOutput"/> pushes it out).</summary>
    protected abstract void Write(Probe probe);

    /// <summary>Pushes written records to the output.</summary>
    protected abstract void FlushOutput();

    /// <summary>Releases the output when the sink stops (after a last flush). Does nothing unless overridden.</summary>
    protected virtual void CloseOutput() { }

    /// <summary>
    /// For sinks that hand records on in batches: counts <paramref name="records"/> already counted as written but lost
    /// afterwards (a batch the remote end refused) as errors, and reports the failure the way a failed write is reported:
    /// one error <see cref="LogEvent"/> on the first failure, not one per batch, until <see cref="ReportRecovered"/>.
    /// </summary>
    /// <param name="records">How many records were lost.</param>
    /// <param name="what">What failed, as a verb phrase (<c>export</c>).</param>
    /// <param name="detail">Why, for the log event.</param>
    /// <param name="cause">The exception, when there is one.</param>
    protected void CountLost(int records, string what, string detail, Exception? cause)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        ReportFailure(what, detail, cause);
        Counters.CountErrors(records);
    }

    /// <summary>After <see cref="CountLost"/>: the output works again; publishes one info log event if it had failed.</summary>
    /// <param name="what">What succeeded, as a noun (<c>export</c>).</param>
    protected void ReportRecovered(string what)
    {
        if (!_failing) return;
        _failing = false;
        Publish(LogLevel.Info, $"{Kind} sink recovered: {what} succeeded again.", null);
    }

    /// <summary>Handles a message other than a signal, a flush request or a flush tick; false if unhandled.</summary>
    protected virtual bool ReceiveOther(object message) => false;

    /// <inheritdoc />
    protected override void PreStart()
    {
        // Register before subscribing: a drop can only happen once subscribed, so the health actor always knows
        // the sink by the time the first Dropped event for it reaches its queue.
        SinkHealth.Of(Context.System).Tell(new RegisterSink(Self, Kind, Counters), Self);
        Context.System.EventStream.Subscribe(Self, typeof(CloseSignal));
        if (_flush.Interval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer(FlushTick.Instance, FlushTick.Instance, _flush.Interval);
        }
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        Guarded(FlushOutput, "flush on stop");
        Guarded(CloseOutput, "close");
    }

    /// <inheritdoc />
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case CloseSignal close:
                if (TryWrite(close.Probe))
                {
                    Counters.CountWritten();
                    _pending = true;
                    if (_flush.EveryRecords > 0 && ++_sinceFlush >= _flush.EveryRecords) FlushNow();
                }
                else
                {
                    Counters.CountError();
                }

                return true;
            case FlushTick:
                if (_pending) FlushNow();
                return true;
            case FlushSink:
                FlushNow();
                Sender.Tell(new SinkFlushed(Counters.Written), Self);
                return true;
            default:
                return ReceiveOther(message);
        }
    }

    // Inline rather than through Guarded: this runs once per record and a closure would allocate each time.
    private bool TryWrite(Probe probe)
    {
        try
        {
            Write(probe);
        }
        catch (Exception e) when (IsOutputFailure(e))
        {
            ReportFailure("write", e);
            return false;
        }

        if (_failing) ReportRecovered("write");
        return true;
    }

    private void FlushNow()
    {
        _sinceFlush = 0;
        _pending = false;
        Guarded(FlushOutput, "flush");
    }

    // Flush and close never announce a recovery: flushing an output that never opened succeeds trivially.
    private void Guarded(Action action, string what)
    {
        try
        {
            action();
        }
        catch (Exception e) when (IsOutputFailure(e))
        {
            ReportFailure(what, e);
        }
    }

    private static bool IsOutputFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException;

    private void ReportFailure(string what, Exception e) => ReportFailure(what, e.Message, e);

    private void ReportFailure(string what, string detail, Exception? cause)
    {
        Counters.NoteError($"failed to {what}: {detail}");
        if (_failing) return;
        _failing = true;
        Publish(LogLevel.Error, $"{Kind} sink failed to {what}: {detail} (records are lost and counted as errors until a write succeeds)", cause);
    }

    private void Publish(LogLevel level, string text, Exception? cause) =>
        Context.System.EventStream.Publish(new LogEvent(level, Self.Path.ToString(), text, cause, DateTimeOffset.UtcNow));

    private sealed class FlushTick
    {
        public static readonly FlushTick Instance = new();
    }
}
