namespace CodeSight.Actors.Routing;

/// <summary>A pool that routes to every routee.</summary>
/// <param name="nrOfInstances">How many routees to create.</param>
public sealed class BroadcastPool(int nrOfInstances) : Pool(nrOfInstances, static () => new BroadcastRoutingLogic());
