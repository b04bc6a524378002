namespace CodeSight.Actors.Routing;

/// <summary>
/// The routing table a router's reference routes with on the sender's thread; the router actor replaces it (one
/// volatile write) when routees come and go.
/// </summary>
internal sealed class RouterState(ActorSystem system)
{
    private volatile Router _router = null!;

    public Router Router
    {
        get => _router;
        set => _router = value;
    }

    public IActorRef Self { get; set; } = null!;

    /// <summary>Routes an ordinary message; returns false for messages meant for the router actor itself.</summary>
    public bool TryRoute(object message, IActorRef? sender)
    {
        if (message is PoisonPill or Kill or GetRoutees or AddRoutee or RemoveRoutee or Terminated or TimerMessage or ReceiveTimeoutTick) return false;
        if (!_router.Route(message, sender))
        {
            system.Drop(message, sender, Self, $"router {Self.Path} has no routee for {message.GetType().Name}");
        }
        return true;
    }
}
