namespace CodeSight.Actors.Routing;

/// <summary>
/// Turns <c>ActorOf(props.WithRouter(config))</c> into a router: a pool creates its routees as children from the
/// props, a group routes to actors that exist already.
/// </summary>
public abstract class RouterConfig
{
    /// <summary>Creates a fresh logic for one router (logics may keep state such as a round-robin counter).</summary>
    public abstract RoutingLogic CreateLogic();
}
