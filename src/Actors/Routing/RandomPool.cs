namespace CodeSight.Actors.Routing;

/// <summary>A pool that routes at random.</summary>
/// <param name="nrOfInstances">How many routees to create.</param>
public sealed class RandomPool(int nrOfInstances) : Pool(nrOfInstances, static () => new RandomRoutingLogic());
