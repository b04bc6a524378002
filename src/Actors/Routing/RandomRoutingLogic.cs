namespace CodeSight.Actors.Routing;

/// <summary>Sends to a routee chosen at random.</summary>
public sealed class RandomRoutingLogic : RoutingLogic
{
    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees) =>
        routees.Count == 0 ? Routee.NoRoutee : routees[Random.Shared.Next(routees.Count)];
}
