namespace CodeSight.Actors.Routing;

/// <summary>A pool that routes in turn.</summary>
/// <param name="nrOfInstances">How many routees to create.</param>
public sealed class RoundRobinPool(int nrOfInstances) : Pool(nrOfInstances, static () => new RoundRobinRoutingLogic());
