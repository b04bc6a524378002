using CodeSight.Actors;
using CodeSight.Contracts.Probes;
using CodeSight.Contracts.Records;
using CodeSight.Contracts.Signals;

namespace CodeSight.Engine.Sinks;

/// <summary>
/// An in-memory sink that keeps every signal — open, update and close — in arrival order, with the close records
/// and closed probes derived from them. For tests and small tools: ask it <see cref="GetCollected"/> for a snapshot.
/// Unbounded: do not leave it running under a long production load.
/// </summary>
public sealed class CollectorSink : ActorBase
{
    private readonly AppendOnlyLog<Signal> _signals = new();

    /// <summary>
    /// Props for a collector subscribed to every signal of its system. It subscribes when it starts, on a pool thread
    /// a moment after <c>ActorOf</c> returns: signals published in between are not collected. Use
    /// <see cref="Start"/> to collect from the moment it returns.
    /// </summary>
    public static Props Props() => CodeSight.Actors.Props.Create(static () => new CollectorSink());

    /// <summary>
    /// Starts a collector and subscribes it on the caller's thread before returning, so every signal published after
    /// this call (by any thread) is collected, in the order the event stream delivered it.
    /// </summary>
    /// <param name="system">The system whose signals to collect.</param>
    /// <param name="name">The actor's name under <c>/user</c>; null for a generated one.</param>
    public static IActorRef Start(ActorSystem system, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var collector = system.ActorOf(Props(), name);
        system.EventStream.Subscribe(collector, typeof(Signal));
        return collector;
    }

    /// <summary>Asks for a <see cref="Collected"/> snapshot.</summary>
    public sealed class GetCollected
    {
        private GetCollected() { }

        /// <summary>The single instance.</summary>
        public static GetCollected Instance { get; } = new();
    }

    /// <summary>A snapshot of what the collector received.</summary>
    /// <param name="Signals">Every signal in arrival order.</param>
    public sealed record Collected(IReadOnlyList<Signal> Signals)
    {
        /// <summary>The NDJSON close records the close signals stand for.</summary>
        public IReadOnlyList<TraceRecord> CloseRecords => Signals.OfType<CloseSignal>().Select(s => TraceRecord.FromProbe(s.Probe)).ToList();

        /// <summary>The closed probes, in the order they closed.</summary>
        public IReadOnlyList<Probe> Probes => Signals.OfType<CloseSignal>().Select(s => s.Probe).ToList();
    }

    /// <inheritdoc />
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(Signal));

    /// <inheritdoc />
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Signal signal:
                _signals.Add(signal);
                return true;
            case GetCollected:
                Sender.Tell(new Collected(_signals.Snapshot()), Self);
                return true;
            default:
                return false;
        }
    }
}
