namespace CodeSight.Actors.Routing;

/// <summary>A wrapper a router removes before delivering: routees receive <see cref="Message"/>.</summary>
public interface IRouterEnvelope
{
    /// <summary>The message to deliver.</summary>
    object Message { get; }
}
