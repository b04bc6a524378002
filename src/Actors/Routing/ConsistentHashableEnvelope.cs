namespace CodeSight.Actors.Routing;

/// <summary>Wraps a message with the key to route it by; the routee receives <see cref="Message"/> alone.</summary>
/// <param name="Message">The message to deliver.</param>
/// <param name="HashKey">The routing key.</param>
public sealed record ConsistentHashableEnvelope(object Message, object HashKey) : IConsistentHashable, IRouterEnvelope
{
    /// <inheritdoc />
    public object ConsistentHashKey => HashKey;
}
