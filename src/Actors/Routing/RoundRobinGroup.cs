namespace CodeSight.Actors.Routing;

/// <summary>A group that routes in turn.</summary>
/// <param name="routees">The actors routed to.</param>
public sealed class RoundRobinGroup(IEnumerable<IActorRef> routees) : Group(routees, static () => new RoundRobinRoutingLogic());
