namespace CodeSight.Actors.Routing;

/// <summary>A group that routes by consistent hashing of a message key.</summary>
/// <param name="routees">The actors routed to.</param>
/// <param name="hashMapping">Gives the key of messages that are not <see cref="IConsistentHashable"/>.</param>
public sealed class ConsistentHashingGroup(IEnumerable<IActorRef> routees, Func<object, object?>? hashMapping = null)
    : Group(routees, () => new ConsistentHashingRoutingLogic(hashMapping));
