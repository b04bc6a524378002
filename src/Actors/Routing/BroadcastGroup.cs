namespace CodeSight.Actors.Routing;

/// <summary>A group that routes to every routee.</summary>
/// <param name="routees">The actors routed to.</param>
public sealed class BroadcastGroup(IEnumerable<IActorRef> routees) : Group(routees, static () => new BroadcastRoutingLogic());
