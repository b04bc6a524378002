namespace CodeSight.Actors.Routing;

/// <summary>Told to a router, delivers <see cref="Message"/> to every routee whatever the routing logic.</summary>
/// <param name="Message">The message.</param>
public sealed record Broadcast(object Message) : IRouterEnvelope;
