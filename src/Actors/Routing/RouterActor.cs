namespace CodeSight.Actors.Routing;

/// <summary>
/// The actor behind a router: it does not route (the reference does), it manages the routees — watches them,
/// answers <see cref="GetRoutees"/>, applies <see cref="AddRoutee"/>/<see cref="RemoveRoutee"/>, and stops itself
/// when the last routee is gone. Pool routees are its children and it supervises them.
/// </summary>
internal sealed class RouterActor(RouterState state) : ActorBase
{
    protected internal override void PreStart()
    {
        foreach (var routee in state.Router.Routees)
        {
            if (routee is ActorRefRoutee actorRoutee) Context.Watch(actorRoutee.Actor);
        }
    }

    // A restarted router keeps its routees.
    protected internal override void PreRestart(Exception reason, object? message) { }

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case GetRoutees:
                Sender.Tell(new Routees(state.Router.Routees), Self);
                return true;
            case AddRoutee add:
                state.Router = state.Router.AddRoutee(add.Routee);
                if (add.Routee is ActorRefRoutee added) Context.Watch(added.Actor);
                return true;
            case RemoveRoutee remove:
                state.Router = state.Router.RemoveRoutee(remove.Routee);
                if (remove.Routee is ActorRefRoutee removed) Context.Unwatch(removed.Actor);
                StopIfEmpty();
                return true;
            case Terminated terminated:
                state.Router = state.Router.RemoveRoutee(new ActorRefRoutee(terminated.ActorRef));
                StopIfEmpty();
                return true;
            default:
                // Reached the router's own mailbox (e.g. a timer of the router): route it like any other.
                return state.TryRoute(message, Context.Sender);
        }
    }

    private void StopIfEmpty()
    {
        if (state.Router.Routees.Count == 0) Context.Stop(Self);
    }
}
