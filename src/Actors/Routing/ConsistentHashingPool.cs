namespace CodeSight.Actors.Routing;

/// <summary>A pool that routes by consistent hashing of a message key.</summary>
/// <param name="nrOfInstances">How many routees to create.</param>
/// <param name="hashMapping">Gives the key of messages that are not <see cref="IConsistentHashable"/>.</param>
public sealed class ConsistentHashingPool(int nrOfInstances, Func<object, object?>? hashMapping = null)
    : Pool(nrOfInstances, () => new ConsistentHashingRoutingLogic(hashMapping));
