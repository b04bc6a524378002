using System.Runtime.CompilerServices;
using CodeSight.Actors;
using CodeSight.Actors.Events;
using CodeSight.Contracts.Signals;

namespace CodeSight.Engine.Sinks;

/// <summary>
/// The one place that reports how every sink of a system is doing. Each sink registers here when it starts; this
/// actor listens to the kernel's <see cref="Dropped"/> events and charges every signal a full sink mailbox refused to
/// that sink. Ask it <see cref="GetSinkStats"/> for a <see cref="SinkStatsReport"/>: it has an unbounded mailbox of
/// its own, so it answers even while the sinks are overloaded. Find it with <see cref="Of"/>.
/// </summary>
public sealed class SinkHealth : ActorBase
{
    /// <summary>The name of the actor under <c>/system</c>.</summary>
    public const string ActorName = "codesight-sink-health";

    private static readonly ConditionalWeakTable<ActorSystem, IActorRef> Instances = new();
    private static readonly Lock InstancesLock = new();

    private readonly List<(IActorRef Sink, string Kind, SinkCounters Counters)> _sinks = new();

    private SinkHealth() { }

    /// <summary>The system's sink health actor, started on first use.</summary>
    public static IActorRef Of(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (Instances.TryGetValue(system, out var health)) return health;
        lock (InstancesLock)
        {
            if (Instances.TryGetValue(system, out health)) return health;
            health = system.SystemActorOf(Props.Create(static () => new SinkHealth()), ActorName);
            // Subscribed here as well as in PreStart (which runs later, on the pool, and again after a restart): a sink
            // that registers now and fills up at once must have its first drops charged. Subscribing twice is a no-op.
            system.EventStream.Subscribe(health, typeof(Dropped));
            Instances.AddOrUpdate(system, health);
            return health;
        }
    }

    /// <inheritdoc />
    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(Dropped));

    /// <inheritdoc />
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <inheritdoc />
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case RegisterSink register:
                // A restarted sink registers again with the same ref and counters: keep one entry.
                var known = _sinks.FindIndex(s => s.Sink.Equals(register.Sink));
                if (known >= 0) _sinks[known] = (register.Sink, register.Kind, register.Counters);
                else _sinks.Add((register.Sink, register.Kind, register.Counters));
                return true;
            case Dropped { Message: Signal } dropped:
                // Linear search: a system has a handful of sinks, and this runs only when one is overloaded.
                foreach (var (sink, _, counters) in _sinks)
                {
                    if (sink.Equals(dropped.Recipient))
                    {
                        counters.CountDropped();
                        break;
                    }
                }

                return true;
            case Dropped:
                return true;
            case GetSinkStats:
                Sender.Tell(new SinkStatsReport(_sinks.Select(s => new SinkStats(s.Sink.Path.ToString(), s.Kind, s.Counters.Written, s.Counters.Dropped, s.Counters.Errors, s.Counters.LastError)).ToArray()), Self);
                return true;
            default:
                return false;
        }
    }
}
