namespace CodeSight.Actors.Routing;

/// <summary>
/// Chooses where a message goes. It runs on the sender's thread, concurrently, so it must be thread-safe. Return
/// <see cref="Routee.NoRoutee"/> to drop the message: the router counts the drop and publishes it.
/// </summary>
public abstract class RoutingLogic
{
    /// <summary>Chooses the routee for <paramref name="message"/> among <paramref name="routees"/>.</summary>
    public abstract Routee Select(object message, IReadOnlyList<Routee> routees);
}
