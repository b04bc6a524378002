namespace CodeSight.Actors.Routing;

/// <summary>A group that routes at random.</summary>
/// <param name="routees">The actors routed to.</param>
public sealed class RandomGroup(IEnumerable<IActorRef> routees) : Group(routees, static () => new RandomRoutingLogic());
