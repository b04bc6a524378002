using System.Collections.Concurrent;

namespace CodeSight.Actors.Events;

/// <summary>
/// The system-wide publish/subscribe bus. A subscription to a type receives every event assignable to it
/// (subclasses and implementations of interfaces), once per event even if several of the subscriber's
/// subscriptions match. <see cref="Publish"/> runs on the caller's thread; once a type has been published it is
/// lock-free and allocates nothing (the subscriber list for each type is resolved once and cached until the
/// subscriptions change). Actors that stop are unsubscribed automatically.
/// </summary>
public sealed class EventStream
{
    private readonly object _lock = new();
    private readonly List<(Type Channel, IActorRef Subscriber)> _subscriptions = new();   // guarded by _lock
    private volatile ConcurrentDictionary<Type, IActorRef[]> _resolved = new();

    /// <summary>Subscribes <paramref name="subscriber"/> to events assignable to <paramref name="channel"/>.</summary>
    /// <returns>False if it was already subscribed to exactly that channel.</returns>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_lock)
        {
            foreach (var (c, s) in _subscriptions)
            {
                if (c == channel && s.Equals(subscriber)) return false;
            }
            _subscriptions.Add((channel, subscriber));
            _resolved = new ConcurrentDictionary<Type, IActorRef[]>();
        }
        if (subscriber is LocalActorRef local) local.Cell.MarkSubscribedToEventStream();
        return true;
    }

    /// <summary>Subscribes <paramref name="subscriber"/> to events assignable to <typeparamref name="T"/>.</summary>
    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Removes one subscription; returns false if there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            var removed = _subscriptions.RemoveAll(x => x.Channel == channel && x.Subscriber.Equals(subscriber)) > 0;
            if (removed) _resolved = new ConcurrentDictionary<Type, IActorRef[]>();
            return removed;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>; returns false if there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_lock)
        {
            var removed = _subscriptions.RemoveAll(x => x.Subscriber.Equals(subscriber)) > 0;
            if (removed) _resolved = new ConcurrentDictionary<Type, IActorRef[]>();
            return removed;
        }
    }

    /// <summary>Number of subscriptions (a subscriber counts once per channel).</summary>
    public int SubscriptionCount
    {
        get { lock (_lock) return _subscriptions.Count; }
    }

    /// <summary>True if any subscription would receive an event of type <paramref name="eventType"/>.</summary>
    public bool HasSubscribers(Type eventType) => SubscribersOf(eventType).Length > 0;

    /// <summary>Tells <paramref name="event"/> to every matching subscriber, with no sender.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var subscriber in SubscribersOf(@event.GetType()))
        {
            subscriber.Tell(@event, null);
        }
    }

    private IActorRef[] SubscribersOf(Type eventType)
    {
        var resolved = _resolved;
        return resolved.TryGetValue(eventType, out var subscribers) ? subscribers : Resolve(eventType);
    }

    private IActorRef[] Resolve(Type eventType)
    {
        lock (_lock)
        {
            var list = new List<IActorRef>();
            foreach (var (channel, subscriber) in _subscriptions)
            {
                if (channel.IsAssignableFrom(eventType) && !list.Contains(subscriber)) list.Add(subscriber);
            }
            var array = list.Count == 0 ? [] : list.ToArray();
            _resolved[eventType] = array;
            return array;
        }
    }
}
