namespace CodeSight.Actors.Routing;

/// <summary>Sends every message to every routee.</summary>
public sealed class BroadcastRoutingLogic : RoutingLogic
{
    // The routee list of a router is immutable, so its wrapper is built once per list, not per message.
    private volatile SeveralRoutees? _cached;

    /// <inheritdoc />
    public override Routee Select(object message, IReadOnlyList<Routee> routees)
    {
        if (routees.Count == 0) return Routee.NoRoutee;
        var cached = _cached;
        if (cached is not null && ReferenceEquals(cached.Routees, routees)) return cached;
        return _cached = new SeveralRoutees(routees);
    }
}
