namespace CodeSight.Actors.Routing;

/// <summary>A destination a router can send to.</summary>
public abstract class Routee
{
    /// <summary>The answer of a logic that chooses to drop a message; the router counts and reports the drop.</summary>
    public static Routee NoRoutee { get; } = new NoRouteeImpl();

    /// <summary>Delivers a message.</summary>
    public abstract void Send(object message, IActorRef? sender);

    private sealed class NoRouteeImpl : Routee
    {
        public override void Send(object message, IActorRef? sender) { }

        public override string ToString() => "NoRoutee";
    }
}
