namespace CodeSight.Actors.Routing;

/// <summary>Builds a router cell and its initial routees, so that routing works from the very first message.</summary>
internal static class RouterFactory
{
    public static (ActorCell Cell, IActorRef Ref) Create(ActorCell parent, RouterConfig config, Props props, ActorPath path)
    {
        var state = new RouterState(parent.System);
        var cell = parent.System.NewCell(Props.Create(() => new RouterActor(state)), path, parent.SelfRef, state);
        state.Self = cell.Self;
        var routeeProps = props.WithoutRouter();
        Routee[] routees = config switch
        {
            Pool pool => Enumerable.Range(0, pool.NrOfInstances).Select(_ => (Routee)new ActorRefRoutee(cell.MakeChild(routeeProps, null))).ToArray(),
            Group group => group.Routees.Select(r => (Routee)new ActorRefRoutee(r)).ToArray(),
            _ => throw new ArgumentException($"Unknown router configuration {config.GetType().Name}: derive from Pool or Group.", nameof(config)),
        };
        state.Router = new Router(config.CreateLogic(), routees);
        return (cell, cell.Self);
    }
}
