namespace CodeSight.Actors.Routing;

/// <summary>
/// An immutable routing table: a logic and its routees. Usable on its own inside an actor, and the heart of router
/// actors. <see cref="Route"/> runs on the caller's thread.
/// </summary>
public sealed class Router
{
    private readonly Routee[] _routees;

    /// <summary>Creates a router over <paramref name="routees"/>.</summary>
    public Router(RoutingLogic logic, params Routee[] routees)
    {
        ArgumentNullException.ThrowIfNull(logic);
        ArgumentNullException.ThrowIfNull(routees);
        Logic = logic;
        _routees = [.. routees];
    }

    /// <summary>The routing logic.</summary>
    public RoutingLogic Logic { get; }

    /// <summary>The routees, in order.</summary>
    public IReadOnlyList<Routee> Routees => _routees;

    /// <summary>
    /// Sends <paramref name="message"/> where the logic says (unwrapping <see cref="IRouterEnvelope"/>s; a
    /// <see cref="Broadcast"/> goes to all). Returns false when the logic chose <see cref="Routee.NoRoutee"/>: the
    /// message was dropped and the caller should count it.
    /// </summary>
    public bool Route(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Broadcast broadcast)
        {
            if (_routees.Length == 0) return false;
            foreach (var routee in _routees) routee.Send(broadcast.Message, sender);
            return true;
        }
        var chosen = Logic.Select(message, _routees);
        if (ReferenceEquals(chosen, Routee.NoRoutee)) return false;
        chosen.Send(message is IRouterEnvelope envelope ? envelope.Message : message, sender);
        return true;
    }

    /// <summary>A router with <paramref name="routee"/> added (if not already present).</summary>
    public Router AddRoutee(Routee routee) => _routees.Contains(routee) ? this : new Router(Logic, [.. _routees, routee]);

    /// <summary>A router without <paramref name="routee"/>.</summary>
    public Router RemoveRoutee(Routee routee) => new(Logic, _routees.Where(r => !r.Equals(routee)).ToArray());

    /// <summary>A router with the same logic over other routees.</summary>
    public Router WithRoutees(params Routee[] routees) => new(Logic, routees);
}
